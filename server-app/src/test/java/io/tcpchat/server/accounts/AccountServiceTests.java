package io.tcpchat.server.accounts;

import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The login rules on a real H2 database, with a hasher that counts its work and a clock we move. */
class AccountServiceTests {

    /** Counts every Argon2 verification, whether against a real hash or the dummy one. */
    static final class CountingHasher extends PasswordHasher {
        final AtomicInteger verifications = new AtomicInteger();

        CountingHasher() {
            super(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), 2);
        }

        @Override
        boolean matches(String password, String hash) {
            verifications.incrementAndGet();
            return super.matches(password, hash);
        }
    }

    final AtomicLong nanos = new AtomicLong();
    final CountingHasher hasher = new CountingHasher();
    final ChatProperties.Auth.Lockout lockout = new ChatProperties.Auth.Lockout(2, Duration.ofSeconds(1),
            Duration.ofSeconds(8));
    final AccountStore store = new AccountStore(JdbcClient.create(Databases.h2()), Clock.systemUTC());

    @AfterEach
    void stopHashing() {
        hasher.close();
    }

    AccountService service(ChatProperties.Auth.Mode mode) {
        return new AccountService(store, hasher, new LoginThrottle(lockout, nanos::get),
                new ChatProperties.Auth(mode, 8, 2, lockout), AuthCounter.NONE);
    }

    @Test
    void anUnknownNameCostsTheSameHashCheckAsAWrongPassword() throws Exception {
        AccountService accounts = service(ChatProperties.Auth.Mode.REQUIRED);
        accounts.create("eve", "eve's password");
        int before = hasher.verifications.get();
        var unknown = accounts.login("mallory", "eve's password", "10.0.0.1");
        assertThat(hasher.verifications.get() - before).isEqualTo(1);
        before = hasher.verifications.get();
        var wrong = accounts.login("eve", "wrong password", "10.0.0.2");
        assertThat(hasher.verifications.get() - before).isEqualTo(1);
        assertThat(wrong).isEqualTo(unknown);
    }

    @Test
    void lockoutsGrowAndExpire() throws Exception {
        AccountService accounts = service(ChatProperties.Auth.Mode.OPEN);
        accounts.create("fay", "fay's password");
        accounts.login("fay", "x1", "a1");
        accounts.login("fay", "x2", "a2"); // second failure: locked 1 s
        assertThat(accounts.login("fay", "fay's password", "a3")).isInstanceOf(AccountService.Login.Refused.class);
        int before = hasher.verifications.get();
        accounts.login("fay", "fay's password", "a3");
        assertThat(hasher.verifications.get()).as("a locked name costs no hash").isEqualTo(before);
        nanos.addAndGet(Duration.ofMillis(1100).toNanos());
        assertThat(accounts.login("fay", "fay's password", "a3")).isInstanceOf(AccountService.Login.Allowed.class);
        // and per address: one address guessing at many names is locked too
        for (String name : new String[] {"g1", "g2"}) {
            accounts.create(name, "password of " + name);
            accounts.login(name, "wrong", "evil");
        }
        assertThat(accounts.login("fay", "fay's password", "evil")).isInstanceOf(AccountService.Login.Refused.class);
    }

    @Test
    void aSuccessfulLoginDoesNotClearTheAddressLockoutForOtherNames() throws Exception {
        AccountService accounts = service(ChatProperties.Auth.Mode.OPEN);
        accounts.create("mallory", "mallory's password");
        accounts.create("victim", "victim's password");
        accounts.create("victim2", "victim2's password");
        // one guess, then a login to an account of one's own, then another guess: two failures from "nat"
        assertThat(accounts.login("victim", "guess 1", "nat")).isInstanceOf(AccountService.Login.Refused.class);
        assertThat(accounts.login("mallory", "mallory's password", "nat"))
                .isInstanceOf(AccountService.Login.Allowed.class);
        assertThat(accounts.login("victim2", "guess 2", "nat")).isInstanceOf(AccountService.Login.Refused.class);
        assertThat(accounts.login("mallory", "mallory's password", "nat"))
                .as("the address is locked").isInstanceOfSatisfying(AccountService.Login.Refused.class,
                        r -> assertThat(r.message()).contains("too many failed logins"));
        assertThat(accounts.login("mallory", "mallory's password", "elsewhere"))
                .isInstanceOf(AccountService.Login.Allowed.class);
        // an address's streak is forgiven after twice the longest lockout without a failure
        nanos.addAndGet(Duration.ofSeconds(17).toNanos());
        assertThat(accounts.login("victim", "guess 3", "nat")).isInstanceOf(AccountService.Login.Refused.class);
        assertThat(accounts.login("mallory", "mallory's password", "nat"))
                .as("one failure after the pause does not lock").isInstanceOf(AccountService.Login.Allowed.class);
    }

    @Test
    void storedHashesAreArgon2idAndNeverThePassword() throws Exception {
        service(ChatProperties.Auth.Mode.OPEN).create("gil", "gil's password");
        String hash = store.find("GIL").orElseThrow().passwordHash();
        assertThat(hash).startsWith("$argon2id$").doesNotContain("gil's password");
        assertThat(store.find("gil").orElseThrow().toString()).doesNotContain(hash);
    }
}
