package io.tcpchat.server.accounts;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/** Registered names and their password hashes, in the same database as history. */
class AccountStore {

    record Account(String name, String passwordHash) {
        @Override
        public String toString() {
            return "Account[" + name + "]";
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AccountStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Account> find(String name) {
        return jdbc.sql("SELECT name, password_hash FROM chat_account WHERE name_key = ?")
                .param(key(name))
                .query((rs, n) -> new Account(rs.getString(1), rs.getString(2)))
                .optional();
    }

    /** Creates the account; false when the name (in any case) is registered already. */
    boolean create(String name, String passwordHash) {
        try {
            jdbc.sql("INSERT INTO chat_account (name_key, name, password_hash, created_at) VALUES (?, ?, ?, ?)")
                    .params(key(name), name, passwordHash, Instant.now(clock).atOffset(ZoneOffset.UTC))
                    .update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    boolean exists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_account WHERE name_key = ?").param(key(name))
                .query(Long.class).single() > 0;
    }

    boolean hasRole(String name, String role) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_role WHERE name_key = ? AND role = ?").params(key(name), role)
                .query(Long.class).single() > 0;
    }

    /** Grants or revokes a role; false when nothing changed. */
    boolean role(String name, String role, boolean granted) {
        if (granted) {
            if (hasRole(name, role)) {
                return false;
            }
            jdbc.sql("INSERT INTO chat_role (name_key, role) VALUES (?, ?)").params(key(name), role).update();
            return true;
        }
        return jdbc.sql("DELETE FROM chat_role WHERE name_key = ? AND role = ?").params(key(name), role).update() > 0;
    }
}
