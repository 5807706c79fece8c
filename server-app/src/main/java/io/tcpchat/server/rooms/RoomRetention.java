package io.tcpchat.server.rooms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the room tables from growing without end: membership spans that ended before the
 * oldest stored event filter nothing any more (history retention deleted what they covered),
 * and expired invites grant nothing. Open spans, operators and bans stay: they are the rooms'
 * state. On its own thread, like history retention, so chat never waits for it.
 */
final class RoomRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RoomRetention.class);

    private final DataSource dataSource;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    RoomRetention(DataSource dataSource, Clock clock, Duration every) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("room-retention").daemon().factory());
        long millis = Math.max(1000, every.toMillis());
        thread.scheduleWithFixedDelay(this::apply, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Deletes what no longer matters; returns how many rows went. */
    int apply() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement spans = c.prepareStatement("DELETE FROM chat_room_member WHERE to_seq IS NOT NULL "
                     + "AND to_seq < (SELECT COALESCE(MIN(seq), 9223372036854775807) FROM chat_event)");
             PreparedStatement invites = c.prepareStatement("DELETE FROM chat_room_invite WHERE expires_at < ?")) {
            invites.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
            int n = spans.executeUpdate() + invites.executeUpdate();
            if (n > 0) {
                log.info("room retention deleted {} ended memberships and expired invites", n);
            }
            return n;
        } catch (SQLException | RuntimeException e) {
            log.warn("room retention failed", e);
            return 0;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
