package io.tcpchat.server.cluster;

import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.history.EventStore;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * What this replica delivers: every replica's events, read from the shared log in {@code seq}
 * order ({@code seq > last}) and published through the event log, so each replica fans out the
 * same events in the same order, and this replica's requests are answered once their events
 * are published. Woken by {@code NOTIFY chat_events} on a connection of its own that only
 * listens, and every {@code chat.cluster.poll-interval} anyway: a notification lost (a dropped
 * connection, a restarted database) delays delivery by at most that, and loses nothing, since
 * the read is by seq. Numbers are dense (the counter row), so a gap is only ever retention.
 */
final class Tail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Tail.class);

    private final EventLog eventLog;
    private final EventStore store;
    private final DataSource dataSource;
    private final Duration poll;
    private final int pageSize;
    private final String applicationName;
    private final java.util.function.LongSupplier startLimit;
    private volatile Connection listener;
    private volatile long last;
    /** The highest seq another replica has announced (or the counter showed); the lag's other end. */
    private volatile long announced;
    /** Since when (System.nanoTime) the tail has been behind {@link #announced}; 0: it is not. */
    private volatile long behindSince;
    private volatile long connectedAt;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param startLimit the highest seq the tail may start after: the lowest {@code loadedAt} of the
     *                   state loaded at startup (rooms), so nothing they lack is skipped
     */
    Tail(EventLog eventLog, EventStore store, DataSource dataSource, Duration poll, int pageSize, String nodeId,
         java.util.function.LongSupplier startLimit) {
        this.eventLog = eventLog;
        this.store = store;
        this.dataSource = dataSource;
        this.poll = poll;
        this.pageSize = pageSize;
        this.applicationName = "chat-tail-" + nodeId;
        this.startLimit = startLimit;
    }

    @Override
    public void start() {
        try {
            listen(); // first: whatever commits after the counter is read is announced
            long counter;
            try (Statement s = listener.createStatement();
                 ResultSet rs = s.executeQuery("SELECT last_seq FROM chat_seq WHERE id = 1")) {
                rs.next();
                counter = rs.getLong(1);
            }
            last = Math.min(counter, startLimit.getAsLong());
            announced = counter;
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster's tail could not start", e);
        }
        eventLog.startAt(last);
        readAll(); // up to the counter before anyone logs in
        running = true;
        thread = Thread.ofPlatform().name("event-tail").daemon().start(this::loop);
        log.info("tail started after seq {}", last);
    }

    private void loop() {
        while (running) {
            try {
                if (listener == null) {
                    listen();
                    readAll(); // anything committed while nobody listened
                }
                waitForNotifications();
                readAll();
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("the tail lost its connection or a read failed ({}); reading again in {} ms", e.toString(),
                        poll.toMillis());
                closeListener();
                LockSupport.parkNanos(poll.toNanos());
            }
        }
    }

    private void listen() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            // its name lets an operator (and a test) find this backend in pg_stat_activity
            s.execute("SET application_name = '" + applicationName.replace("'", "''") + "'");
            s.execute("LISTEN chat_events");
        }
        if (!c.getAutoCommit()) {
            c.commit(); // LISTEN takes effect at commit
        }
        listener = c;
        connectedAt = System.nanoTime();
    }

    private void waitForNotifications() throws SQLException {
        PGNotification[] notes = listener.unwrap(PGConnection.class).getNotifications((int) poll.toMillis());
        if (notes == null) {
            return; // the poll: read anyway
        }
        long max = announced;
        for (PGNotification n : notes) {
            try {
                max = Math.max(max, Long.parseLong(n.getParameter()));
            } catch (NumberFormatException ignored) {
                // not ours: read anyway
            }
        }
        announce(max);
    }

    private void announce(long seq) {
        if (seq > announced) {
            announced = seq;
        }
        if (announced > last && behindSince == 0) {
            behindSince = System.nanoTime();
        }
    }

    /** Reads and publishes pages until one comes back short. */
    private void readAll() {
        while (true) {
            List<ServerEvent.Stored> page = store.all(last, pageSize);
            if (page.isEmpty()) {
                break;
            }
            if (page.getFirst().seq() != last + 1 && last > 0) {
                log.info("events {} to {} were deleted before the tail read them (retention)", last + 1,
                        page.getFirst().seq() - 1);
            }
            eventLog.publishRead(page);
            last = page.getLast().seq();
            if (page.size() < pageSize) {
                break;
            }
        }
        announce(last);
        if (last >= announced) {
            behindSince = 0;
        }
    }

    /** Events announced or counted but not yet published here. */
    long lagEvents() {
        return Math.max(0, announced - last);
    }

    /** How long the tail has been behind, in ms (0: it is current). */
    long lagMillis() {
        long since = behindSince;
        return since == 0 ? 0 : Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    /** Current: listening, and not behind for longer than a poll interval (twice, for the read itself). */
    boolean current() {
        return running && listener != null && lagMillis() <= 2 * poll.toMillis();
    }

    long lastPublished() {
        return last;
    }

    private void closeListener() {
        Connection c = listener;
        listener = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // broken already
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(poll.multipliedBy(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeListener();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts before the event log (which, tailed, takes its starting point from here) and stops
     * after it, so the last batches stored at shutdown (the users' leaves) are still read back.
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 99;
    }
}
