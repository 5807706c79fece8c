package io.tcpchat.client.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps a quiet link alive and finds a dead one: a {@code ping} goes out after {@code interval}
 * without traffic either way. A link that stays silent is ended by its reader's read timeout
 * (three intervals), not here. One scheduler thread ({@code chat-keepalive}).
 */
final class KeepAlive implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private final Supplier<Link> online;
    private final long interval;
    private final byte[] ping;

    /** @param online the link while logged in, else {@code null} */
    KeepAlive(Duration interval, Supplier<Link> online, byte[] ping) {
        this.online = online;
        this.interval = interval.toNanos();
        this.ping = ping;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chat-keepalive");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, interval.toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        Link current = online.get();
        if (current == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - current.lastWrite >= interval || now - current.lastRead >= interval) {
            try {
                current.write(ping);
            } catch (IOException e) {
                current.closeQuietly(); // the reader notices and takes over
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
