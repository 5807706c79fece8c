package io.tcpchat.server.cluster;

import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.accounts.Throttle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The login throttle of a cluster: failures per key in {@code chat_login_failure}, counted and
 * locked by the database's clock in one statement each, so that every replica holds a lockout
 * another one started. The same rule as the in-memory throttle: {@code failures} in a row lock the
 * key for {@code base-delay}, doubling per further failure up to {@code max-delay}; a streak idle
 * for twice the longest delay is forgiven (and its row deleted, now and then).
 */
final class SharedThrottle implements Throttle {

    private final DataSource dataSource;
    private final ChatProperties.Auth.Lockout settings;
    private final AtomicInteger sincePrune = new AtomicInteger();

    SharedThrottle(DataSource dataSource, ChatProperties.Auth.Lockout settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    @Override
    public Duration lockedFor(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT CAST(EXTRACT(EPOCH FROM (locked_until - "
                     + "CURRENT_TIMESTAMP)) * 1000 AS BIGINT) FROM chat_login_failure WHERE fail_key = ? "
                     + "AND locked_until > CURRENT_TIMESTAMP")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Duration.ofMillis(Math.max(1, rs.getLong(1))) : Duration.ZERO;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading login failures failed", e);
        }
    }

    @Override
    public boolean failed(String key) {
        if (settings.failures() <= 0 || settings.baseDelay().isZero() || settings.maxDelay().isZero()) {
            return false; // lockouts are off
        }
        String idle = settings.maxDelay().toMillis() * 2 + " milliseconds";
        try (Connection c = dataSource.getConnection()) {
            if (sincePrune.incrementAndGet() % 1000 == 0) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_login_failure "
                        + "WHERE last_failure < CURRENT_TIMESTAMP - CAST(? AS INTERVAL)")) {
                    ps.setString(1, idle);
                    ps.executeUpdate();
                }
            }
            int failures;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_login_failure AS f (fail_key, failures, "
                    + "locked_until, last_failure) VALUES (?, 1, NULL, CURRENT_TIMESTAMP) ON CONFLICT (fail_key) DO UPDATE "
                    + "SET failures = CASE WHEN f.last_failure < CURRENT_TIMESTAMP - CAST(? AS INTERVAL) THEN 1 "
                    + "ELSE f.failures + 1 END, last_failure = CURRENT_TIMESTAMP RETURNING failures")) {
                ps.setString(1, key);
                ps.setString(2, idle);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    failures = rs.getInt(1);
                }
            }
            int over = failures - settings.failures();
            if (over < 0) {
                return false;
            }
            long delay = settings.baseDelay().toMillis() << Math.min(over, 30);
            delay = Math.min(delay <= 0 ? Long.MAX_VALUE : delay, settings.maxDelay().toMillis());
            try (PreparedStatement ps = c.prepareStatement("UPDATE chat_login_failure SET locked_until = "
                    + "CURRENT_TIMESTAMP + CAST(? AS INTERVAL) WHERE fail_key = ?")) {
                ps.setString(1, delay + " milliseconds");
                ps.setString(2, key);
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("counting a login failure failed", e);
        }
    }

    @Override
    public void succeeded(String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM chat_login_failure WHERE fail_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("clearing login failures failed", e);
        }
    }
}
