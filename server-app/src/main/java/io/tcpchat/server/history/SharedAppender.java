package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The appends of a replica in a cluster: every batch is one transaction that first locks the
 * {@code chat_seq} counter row (held to commit), so the replicas' batches commit in {@code seq}
 * order and a reader of {@code seq > last} never skips a row that commits late
 * (docs/design/cluster.md, section 1: the counter row, measured against an advisory lock).
 *
 * <p>With the lock held, and before deciding, the gate is given the events the other replicas
 * stored since its last batch: rooms are decided in one order cluster-wide. The lock is taken by
 * {@code SELECT ... FOR UPDATE} rather than the counter {@code UPDATE} itself, because the
 * batch's size is known only after deciding (a room request may become several events or none).
 * After the inserts, {@code NOTIFY chat_events '<last seq>'}: sent at commit, never for a batch
 * rolled back. Only the one appending thread uses it.
 */
final class SharedAppender {

    private final DataSource dataSource;
    private final Clock clock;
    private Connection connection;
    private PreparedStatement lock;
    private PreparedStatement insert;
    private PreparedStatement counter;
    private PreparedStatement notify;
    /** The last seq the gate has seen (its own batches and the others'); -1: reload it first. */
    private long known = -1;
    private volatile LongConsumer assignTimer = nanos -> {
    };

    SharedAppender(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void timeAssignments(LongConsumer nanos) {
        this.assignTimer = nanos;
    }

    List<ServerEvent.Stored> decideAndAppend(Supplier<List<EventDraft>> decide, EventGate gate) {
        try {
            open();
            long waitStart = System.nanoTime();
            long prev;
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                prev = rs.getLong(1);
            }
            assignTimer.accept(System.nanoTime() - waitStart);
            try {
                catchUp(gate, prev);
                List<EventDraft> drafts = decide.get();
                if (drafts.isEmpty()) {
                    connection.commit(); // lets the lock go
                    return List.of();
                }
                Instant ts = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
                List<ServerEvent.Stored> out = new ArrayList<>(drafts.size());
                long seq = prev + 1;
                for (EventDraft d : drafts) {
                    insert.setLong(1, seq);
                    JdbcEventStore.bind(insert, ts, d);
                    insert.addBatch();
                    out.add(d.toStored(seq++, ts));
                }
                insert.executeBatch();
                gate.write(connection, drafts, out);
                long last = seq - 1;
                counter.setLong(1, last);
                counter.executeUpdate();
                notify.setString(1, Long.toString(last));
                notify.execute();
                connection.commit();
                known = last;
                return out;
            } catch (SQLException | RuntimeException e) {
                forget();
                throw e;
            }
        } catch (SQLException e) {
            forget();
            throw new IllegalStateException("storing events failed", e);
        }
    }

    /**
     * Brings the gate to {@code prev}, the counter under the lock: every batch up to it has
     * committed (each held the lock to its commit), so all of it is visible now.
     */
    private void catchUp(EventGate gate, long prev) throws SQLException {
        if (known < 0) {
            gate.reload(); // at start, or after a failed batch: the tables match the log up to prev
        } else if (prev > known) {
            String sql = "SELECT " + JdbcEventStore.COLUMNS + JdbcEventStore.FROM + "e.seq > ? AND e.seq <= ? "
                    + "ORDER BY e.seq";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setLong(1, known);
                ps.setLong(2, prev);
                gate.caughtUp(JdbcEventStore.read(ps));
            }
        }
        known = prev;
    }

    private void open() throws SQLException {
        if (connection != null) {
            return;
        }
        connection = dataSource.getConnection();
        try (java.sql.Statement s = connection.createStatement()) {
            // a replica that freezes (or loses the network) holding the counter's lock would stop every
            // replica's appends: the database ends such a transaction after 10 s (ours take milliseconds)
            s.execute("SET idle_in_transaction_session_timeout = '10s'");
        }
        connection.setAutoCommit(false);
        lock = connection.prepareStatement("SELECT last_seq FROM chat_seq WHERE id = 1 FOR UPDATE");
        insert = connection.prepareStatement(JdbcEventStore.INSERT);
        counter = connection.prepareStatement("UPDATE chat_seq SET last_seq = ? WHERE id = 1");
        notify = connection.prepareStatement("SELECT pg_notify('chat_events', ?)");
    }

    /** After a failure: roll back, start afresh (connection, and the gate from the tables). */
    private void forget() {
        known = -1;
        if (connection == null) {
            return;
        }
        try (Connection c = connection) {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being let go either way
        }
        connection = null;
    }

    void close() {
        forget();
    }
}
