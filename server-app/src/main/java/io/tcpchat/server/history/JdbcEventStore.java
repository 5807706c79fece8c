package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Events in a relational database (table {@code chat_event}, see the Flyway migrations):
 * H2 by default, PostgreSQL in production; the same SQL runs on both. {@link Row} maps events
 * to columns and back, {@link VisibleSql} says who sees which rows. The one appender
 * numbers events from the highest {@code seq} stored (explicit values into the identity
 * column: no generated keys to fetch back); a batch of events is one transaction.
 */
public final class JdbcEventStore implements EventStore {

    static final String COLUMNS = "e.seq, e.ts, e.type, e.from_name, e.to_name, e.body, e.file_id, "
            + "e.file_name, e.file_size, e.file_sha256, e.kind, e.target_name, e.flags, e.room_id, r.name AS room_name";
    static final String FROM = " FROM chat_event e LEFT JOIN chat_room r ON r.id = e.room_id WHERE ";
    static final String INSERT = "INSERT INTO chat_event (seq, ts, type, from_name, from_key, to_name, to_key, "
            + "body, file_id, file_name, file_size, file_sha256, room_id, kind, target_name, flags) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final Clock clock;
    /**
     * The appender's own connection and statement, kept across batches: appends never wait
     * for the pool behind history, replay and login queries, and the insert is prepared once.
     * Only the one appending thread touches them.
     */
    private Connection appendConnection;
    private PreparedStatement insert;
    private PreparedStatement counter;
    /** The next seq to give; the appender is the only writer, so it counts in memory. */
    private long nextSeq = -1;
    /** In a cluster (PostgreSQL only): appends numbered under the counter row's lock; else null. */
    private final SharedAppender shared;

    public JdbcEventStore(DataSource dataSource, Clock clock) {
        this(dataSource, clock, false);
    }

    /** @param shared whether other replicas append to the same database (chat.cluster.enabled) */
    public JdbcEventStore(DataSource dataSource, Clock clock, boolean shared) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.shared = shared ? new SharedAppender(dataSource, clock) : null;
    }

    /** Hears how long each shared append waited for the seq counter (nanoseconds); a cluster's metric. */
    public void timeAssignments(java.util.function.LongConsumer nanos) {
        if (shared != null) {
            shared.timeAssignments(nanos);
        }
    }

    @Override
    public List<ServerEvent.Stored> appendAll(List<EventDraft> drafts) {
        return appendAll(drafts, EventGate.NONE);
    }

    @Override
    public List<ServerEvent.Stored> decideAndAppend(java.util.function.Supplier<List<EventDraft>> decide,
                                                    EventGate gate) {
        return shared != null ? shared.decideAndAppend(decide, gate) : EventStore.super.decideAndAppend(decide, gate);
    }

    @Override
    public List<ServerEvent.Stored> all(long after, int max) {
        String sql = "SELECT " + COLUMNS + FROM + "e.seq > ? ORDER BY e.seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setInt(2, max);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("reading events failed", e);
        }
    }

    @Override
    public List<ServerEvent.Stored> appendAll(List<EventDraft> drafts, EventGate gate) {
        if (shared != null) {
            return shared.decideAndAppend(() -> drafts, gate);
        }
        Instant ts = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        try {
            PreparedStatement ps = insertStatement();
            if (nextSeq < 0) {
                nextSeq = lastGiven() + 1;
            }
            List<ServerEvent.Stored> out = new ArrayList<>(drafts.size());
            long seq = nextSeq;
            try {
                for (EventDraft d : drafts) {
                    ps.setLong(1, seq);
                    bind(ps, ts, d);
                    ps.addBatch();
                    out.add(d.toStored(seq++, ts));
                }
                ps.executeBatch();
                gate.write(appendConnection, drafts, out);
                counter.setLong(1, seq - 1);
                counter.executeUpdate();
                appendConnection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackAndForget();
                throw e;
            }
            nextSeq = seq;
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("storing events failed", e);
        }
    }

    private PreparedStatement insertStatement() throws SQLException {
        if (insert == null) {
            appendConnection = dataSource.getConnection();
            appendConnection.setAutoCommit(false);
            insert = appendConnection.prepareStatement(INSERT);
            counter = appendConnection.prepareStatement("UPDATE chat_seq SET last_seq = ? WHERE id = 1");
        }
        return insert;
    }

    /** The last seq ever given, from the counter row (events may have been deleted since). */
    private long lastGiven() throws SQLException {
        try (PreparedStatement ps = appendConnection.prepareStatement("SELECT last_seq FROM chat_seq WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            long fromCounter = rs.next() ? rs.getLong(1) : 0;
            appendConnection.commit();
            return Math.max(fromCounter, lastSeq());
        }
    }

    @Override
    public void close() {
        if (appendConnection != null) {
            rollbackAndForget();
        }
        if (shared != null) {
            shared.close();
        }
    }

    /** After a failed batch: roll back, and start the next one on a fresh connection and seq. */
    private void rollbackAndForget() {
        try (Connection c = appendConnection) {
            c.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the connection is being let go either way
        }
        appendConnection = null;
        insert = null;
        counter = null;
        nextSeq = -1;
    }

    /** Binds every column but seq (parameter 1). */
    static void bind(PreparedStatement ps, Instant ts, EventDraft d) throws SQLException {
        ps.setObject(2, ts.atOffset(ZoneOffset.UTC));
        Row row = Row.of(d);
        ps.setString(3, row.type());
        ps.setString(4, row.from());
        ps.setString(5, key(row.from()));
        ps.setString(6, row.to());
        ps.setString(7, row.to() == null ? null : key(row.to()));
        ps.setString(8, row.body());
        if (d instanceof EventDraft.File file) {
            ps.setLong(9, file.file());
            ps.setString(10, file.name());
            ps.setLong(11, file.size());
            ps.setString(12, file.sha256());
        } else {
            ps.setNull(9, Types.BIGINT);
            ps.setNull(10, Types.VARCHAR);
            ps.setNull(11, Types.BIGINT);
            ps.setNull(12, Types.VARCHAR);
        }
        if (d.roomId() > 1) {
            ps.setInt(13, d.roomId());
        } else {
            ps.setNull(13, Types.INTEGER); // #lobby, direct events and presence, as before rooms
        }
        ps.setString(14, row.kind());
        ps.setString(15, row.target());
        if (row.flags() != null) {
            ps.setShort(16, row.flags().shortValue());
        } else {
            ps.setNull(16, Types.SMALLINT);
        }
    }

    @Override
    public long lastSeq() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM chat_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the last seq failed", e);
        }
    }

    @Override
    public List<ServerEvent.Stored> after(long after, long upTo, Viewer viewer, int max) {
        VisibleSql visible = VisibleSql.of(viewer);
        String sql = "SELECT " + COLUMNS + FROM + "e.seq > ? AND e.seq <= ? AND " + visible.sql()
                + " ORDER BY e.seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            int next = visible.bind(ps, 3);
            ps.setInt(next, max);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("reading events failed", e);
        }
    }

    @Override
    public Page before(long before, int limit, Viewer viewer) {
        VisibleSql visible = VisibleSql.of(viewer);
        String sql = "SELECT " + COLUMNS + FROM + "e.seq < ? AND " + visible.sql() + " ORDER BY e.seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before);
            int next = visible.bind(ps, 2);
            ps.setInt(next, limit + 1);
            List<ServerEvent.Stored> newestFirst = read(ps);
            boolean more = newestFirst.size() > limit;
            List<ServerEvent.Stored> page = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
            Collections.reverse(page);
            return new Page(page, more);
        } catch (SQLException e) {
            throw new IllegalStateException("reading history failed", e);
        }
    }

    @Override
    public boolean fileVisible(long fileId, Viewer viewer) {
        VisibleSql visible = VisibleSql.of(viewer);
        String sql = "SELECT COUNT(*) FROM chat_event e WHERE e.file_id = ? AND e.type = 'file' AND " + visible.sql();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, fileId);
            visible.bind(ps, 2);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading a file's event failed", e);
        }
    }

    @Override
    public boolean wasMember(String userKey, String room) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM chat_room_member m JOIN chat_room r ON r.id = m.room_id "
                        + "WHERE r.name = ? AND m.user_key = ?")) {
            ps.setString(1, room);
            ps.setString(2, userKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading memberships failed", e);
        }
    }

    @Override
    public int deleteOld(Instant cutoff, long keep, int atMost) {
        try (Connection c = dataSource.getConnection()) {
            long upTo = -1;
            if (cutoff != null) {
                // ts grows with seq: walk the oldest rows by key, no index on ts needed
                try (PreparedStatement ps = c.prepareStatement("SELECT seq, ts FROM chat_event ORDER BY seq LIMIT ?")) {
                    ps.setInt(1, atMost);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next() && rs.getObject(2, OffsetDateTime.class).toInstant().isBefore(cutoff)) {
                            upTo = rs.getLong(1);
                        }
                    }
                }
            }
            if (keep > 0) {
                long floor = lastSeq() - keep;
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT MAX(seq) FROM (SELECT seq FROM chat_event WHERE seq <= ? ORDER BY seq LIMIT ?) oldest")) {
                    ps.setLong(1, floor);
                    ps.setInt(2, atMost);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getObject(1) != null) {
                            upTo = Math.max(upTo, rs.getLong(1));
                        }
                    }
                }
            }
            if (upTo < 0) {
                return 0;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_event WHERE seq <= ?")) {
                ps.setLong(1, upTo);
                return ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting old events failed", e);
        }
    }

    static List<ServerEvent.Stored> read(PreparedStatement ps) throws SQLException {
        List<ServerEvent.Stored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static ServerEvent.Stored row(ResultSet rs) throws SQLException {
        return Row.read(rs);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
