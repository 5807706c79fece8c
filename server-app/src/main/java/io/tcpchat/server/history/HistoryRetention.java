package io.tcpchat.server.history;

import io.tcpchat.server.ChatProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes what {@code chat.history.retention} no longer keeps, on its own thread and in
 * bounded steps, so that neither chat nor the committer waits for it.
 */
final class HistoryRetention implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HistoryRetention.class);
    private static final int STEP = 10_000;

    private final EventStore store;
    private final ChatProperties.History.Retention retention;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    HistoryRetention(EventStore store, ChatProperties.History.Retention retention, Clock clock) {
        this.store = store;
        this.retention = retention;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("history-retention").daemon().factory());
        if (!retention.maxAge().isZero() || retention.maxEvents() > 0) {
            long every = Math.max(10, retention.interval().toMillis());
            thread.scheduleWithFixedDelay(this::apply, every, every, TimeUnit.MILLISECONDS);
        }
    }

    void apply() {
        try {
            Instant cutoff = retention.maxAge().isZero() ? null : Instant.now(clock).minus(retention.maxAge());
            int total = 0;
            int deleted;
            do {
                deleted = store.deleteOld(cutoff, retention.maxEvents(), STEP);
                total += deleted;
            } while (deleted >= STEP);
            if (total > 0) {
                log.info("history retention deleted {} events", total);
            }
        } catch (RuntimeException e) {
            log.warn("history retention failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
