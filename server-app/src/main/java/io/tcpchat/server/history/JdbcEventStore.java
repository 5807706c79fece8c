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
 * H2 by default, PostgreSQL in production; the same SQL runs on both. The one appender
 * numbers events from the highest {@code seq} stored (explicit values into the identity
 * column: no generated keys to fetch back); a batch of events is one transaction.
 */
public final class JdbcEventStore implements EventStore {

    private static final String COLUMNS =
            "seq, ts, type, from_name, to_name, body, file_id, file_name, file_size, file_sha256";
    private static final String INSERT = "INSERT INTO chat_event "
            + "(seq, ts, type, from_name, from_key, to_name, to_key, body, file_id, file_name, file_size, file_sha256) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VISIBLE = "(to_key IS NULL OR from_key = ? OR to_key = ?)";

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

    public JdbcEventStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public List<ServerEvent.Stored> appendAll(List<EventDraft> drafts) {
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
    private static void bind(PreparedStatement ps, Instant ts, EventDraft d) throws SQLException {
        ps.setObject(2, ts.atOffset(ZoneOffset.UTC));
        String type;
        String from;
        String to = null;
        String body = null;
        EventDraft.File file = null;
        switch (d) {
            case EventDraft.Message m -> {
                type = "msg";
                from = m.from();
                to = m.to();
                body = m.text();
            }
            case EventDraft.Joined j -> {
                type = "joined";
                from = j.user();
            }
            case EventDraft.Left l -> {
                type = "left";
                from = l.user();
                body = l.reason().wire();
            }
            case EventDraft.File f -> {
                type = "file";
                from = f.from();
                to = f.to();
                file = f;
            }
        }
        ps.setString(3, type);
        ps.setString(4, from);
        ps.setString(5, key(from));
        ps.setString(6, to);
        ps.setString(7, to == null ? null : key(to));
        ps.setString(8, body);
        if (file != null) {
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
    public List<ServerEvent.Stored> after(long after, long upTo, String viewer, int max) {
        String sql = "SELECT " + COLUMNS + " FROM chat_event WHERE seq > ? AND seq <= ? AND " + VISIBLE
                + " ORDER BY seq LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            ps.setString(3, key(viewer));
            ps.setString(4, key(viewer));
            ps.setInt(5, max);
            return read(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("reading events failed", e);
        }
    }

    @Override
    public Page before(long before, int limit, String viewer) {
        String sql = "SELECT " + COLUMNS + " FROM chat_event WHERE seq < ? AND " + VISIBLE
                + " ORDER BY seq DESC LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, before);
            ps.setString(2, key(viewer));
            ps.setString(3, key(viewer));
            ps.setInt(4, limit + 1);
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

    private static List<ServerEvent.Stored> read(PreparedStatement ps) throws SQLException {
        List<ServerEvent.Stored> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static ServerEvent.Stored row(ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        Instant ts = rs.getObject("ts", OffsetDateTime.class).toInstant();
        String from = rs.getString("from_name");
        String to = rs.getString("to_name");
        return switch (rs.getString("type")) {
            case "msg" -> new ServerEvent.ChatMessage(seq, ts, from, rs.getString("body"), to);
            case "joined" -> new ServerEvent.Joined(seq, ts, from);
            case "left" -> new ServerEvent.Left(seq, ts, from, rs.getString("body"));
            case "file" -> new ServerEvent.FileAvailable(seq, ts, from, rs.getLong("file_id"),
                    rs.getString("file_name"), rs.getLong("file_size"), rs.getString("file_sha256"), to);
            default -> throw new SQLException("unknown event type in row " + seq);
        };
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
