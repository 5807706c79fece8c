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
 * H2 by default, PostgreSQL in production; the same SQL runs on both. The database gives
 * {@code seq} (an identity column); a batch of events is one transaction.
 */
public final class JdbcEventStore implements EventStore {

    private static final String COLUMNS =
            "seq, ts, type, from_name, to_name, body, file_id, file_name, file_size, file_sha256";
    private static final String INSERT = "INSERT INTO chat_event "
            + "(ts, type, from_name, from_key, to_name, to_key, body, file_id, file_name, file_size, file_sha256) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String VISIBLE = "(to_key IS NULL OR from_key = ? OR to_key = ?)";

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcEventStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public List<ServerEvent.Stored> appendAll(List<EventDraft> drafts) {
        Instant ts = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<ServerEvent.Stored> out = new ArrayList<>(drafts.size());
            try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"seq"})) {
                for (EventDraft d : drafts) {
                    bind(ps, ts, d);
                    ps.addBatch();
                }
                ps.executeBatch();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    for (EventDraft d : drafts) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned fewer keys than rows");
                        }
                        out.add(d.toStored(keys.getLong(1), ts));
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("storing events failed", e);
        }
    }

    private static void bind(PreparedStatement ps, Instant ts, EventDraft d) throws SQLException {
        ps.setObject(1, ts.atOffset(ZoneOffset.UTC));
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
        ps.setString(2, type);
        ps.setString(3, from);
        ps.setString(4, key(from));
        ps.setString(5, to);
        ps.setString(6, to == null ? null : key(to));
        ps.setString(7, body);
        if (file != null) {
            ps.setLong(8, file.file());
            ps.setString(9, file.name());
            ps.setLong(10, file.size());
            ps.setString(11, file.sha256());
        } else {
            ps.setNull(8, Types.BIGINT);
            ps.setNull(9, Types.VARCHAR);
            ps.setNull(10, Types.BIGINT);
            ps.setNull(11, Types.VARCHAR);
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
