package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.EventDraft;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The room tables ({@code chat_room*}, migration V5): loaded into a book at startup, written by
 * the event committer inside the transaction that stores the events changing them, so the
 * tables always match the committed log.
 */
final class RoomTables {

    private final DataSource dataSource;
    private final Duration inviteTtl;

    RoomTables(DataSource dataSource, Duration inviteTtl) {
        this.dataSource = dataSource;
        this.inviteTtl = inviteTtl;
    }

    /**
     * Fills {@code book} with the open rooms as the tables hold them; returns the last seq given
     * then, read in the same snapshot (in a cluster other replicas go on writing meanwhile).
     */
    long load(RoomBook book) {
        book.clear();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            long seq;
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seq FROM chat_seq WHERE id = 1");
                 ResultSet rs = ps.executeQuery()) {
                seq = rs.next() ? rs.getLong(1) : 0;
            }
            Map<Integer, Room> byId = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, name, topic, invite_only, topic_lock FROM chat_room WHERE open_name IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Room room = new Room(rs.getInt(1), rs.getString(2));
                    room.topic = rs.getString(3);
                    room.inviteOnly = rs.getBoolean(4);
                    room.topicLock = rs.getBoolean(5);
                    byId.put(room.id, room);
                }
            }
            query(c, "SELECT room_id, user_key, user_name FROM chat_room_member WHERE to_seq IS NULL ORDER BY from_seq",
                    rs -> room(byId, rs).members.put(rs.getString(2), rs.getString(3)));
            query(c, "SELECT room_id, user_key, user_name FROM chat_room_op ORDER BY seq",
                    rs -> room(byId, rs).ops.put(rs.getString(2), rs.getString(3)));
            query(c, "SELECT room_id, user_key, user_name, by_name, reason FROM chat_room_ban ORDER BY seq",
                    rs -> room(byId, rs).bans.put(rs.getString(2),
                            new Room.Ban(rs.getString(3), rs.getString(4), rs.getString(5))));
            query(c, "SELECT room_id, user_key, user_name, by_name, expires_at FROM chat_room_invite ORDER BY seq",
                    rs -> room(byId, rs).invites.put(rs.getString(2), new Room.Invite(rs.getString(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant())));
            for (Room room : byId.values()) {
                if (room.id == 1) {
                    Room lobby = book.lobby();
                    lobby.topic = room.topic;
                    lobby.bans.putAll(room.bans);
                } else {
                    book.put(room);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(id), 1) FROM chat_room");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                book.maxId(rs.getInt(1));
            }
            c.commit();
            return seq;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the rooms failed", e);
        }
    }

    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, RowAction action) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                action.accept(rs);
            }
        }
    }

    private static Room room(Map<Integer, Room> byId, ResultSet rs) throws SQLException {
        Room room = byId.get(rs.getInt(1));
        return room != null ? room : new Room(rs.getInt(1), "#closed"); // rows of a closed room: ignored
    }

    /** Writes what the stored room events change; on the committer's connection, in its transaction. */
    void write(Connection c, List<EventDraft> drafts, List<ServerEvent.Stored> stored) throws SQLException {
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i) instanceof EventDraft.RoomChange change) {
                write(c, change.roomId() == 0 ? 1 : change.roomId(), (ServerEvent.RoomEvent) stored.get(i));
            }
        }
    }

    private void write(Connection c, int id, ServerEvent.RoomEvent event) throws SQLException {
        long seq = event.seq();
        switch (event) {
            case ServerEvent.RoomJoined e -> {
                if (Boolean.TRUE.equals(e.created())) {
                    update(c, "INSERT INTO chat_room (id, name, open_name, created_seq, created_by, created_at, topic, "
                                    + "invite_only, topic_lock, closed_seq) VALUES (?, ?, ?, ?, ?, ?, NULL, FALSE, TRUE, NULL)",
                            id, e.room(), e.room(), seq, e.user(), e.ts().atOffset(ZoneOffset.UTC));
                    update(c, "INSERT INTO chat_room_op (room_id, user_key, user_name, seq) VALUES (?, ?, ?, ?)",
                            id, RoomBook.key(e.user()), e.user(), seq);
                }
                update(c, "INSERT INTO chat_room_member (user_key, room_id, from_seq, to_seq, user_name) "
                        + "VALUES (?, ?, ?, NULL, ?)", RoomBook.key(e.user()), id, seq, e.user());
                update(c, "DELETE FROM chat_room_invite WHERE room_id = ? AND user_key = ?", id, RoomBook.key(e.user()));
            }
            case ServerEvent.RoomLeft e -> {
                update(c, "UPDATE chat_room_member SET to_seq = ? WHERE user_key = ? AND room_id = ? AND to_seq IS NULL",
                        seq, RoomBook.key(e.user()), id);
                if (!"part".equals(e.reason())) {
                    update(c, "DELETE FROM chat_room_op WHERE room_id = ? AND user_key = ?", id, RoomBook.key(e.user()));
                }
            }
            case ServerEvent.RoomTopic e -> update(c, "UPDATE chat_room SET topic = ? WHERE id = ?",
                    e.topic().isEmpty() ? null : e.topic(), id);
            case ServerEvent.RoomMode e -> update(c, "UPDATE chat_room SET invite_only = ?, topic_lock = ? WHERE id = ?",
                    e.inviteOnly(), e.topicLock(), id);
            case ServerEvent.RoomOp e -> {
                update(c, "DELETE FROM chat_room_op WHERE room_id = ? AND user_key = ?", id, RoomBook.key(e.user()));
                if (e.op()) {
                    update(c, "INSERT INTO chat_room_op (room_id, user_key, user_name, seq) VALUES (?, ?, ?, ?)",
                            id, RoomBook.key(e.user()), e.user(), seq);
                }
            }
            case ServerEvent.RoomBan e -> {
                String k = RoomBook.key(e.user());
                update(c, "DELETE FROM chat_room_ban WHERE room_id = ? AND user_key = ?", id, k);
                if (e.banned()) {
                    update(c, "INSERT INTO chat_room_ban (room_id, user_key, user_name, by_name, seq, reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?)", id, k, e.user(), e.by(), seq, e.text());
                    update(c, "DELETE FROM chat_room_invite WHERE room_id = ? AND user_key = ?", id, k);
                    update(c, "DELETE FROM chat_room_op WHERE room_id = ? AND user_key = ?", id, k);
                }
            }
            case ServerEvent.RoomInvite e -> {
                String k = RoomBook.key(e.user());
                update(c, "DELETE FROM chat_room_invite WHERE room_id = ? AND user_key = ?", id, k);
                update(c, "INSERT INTO chat_room_invite (room_id, user_key, user_name, by_name, seq, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", id, k, e.user(), e.by(), seq,
                        e.ts().plus(inviteTtl).atOffset(ZoneOffset.UTC));
            }
            case ServerEvent.RoomClosed e -> {
                update(c, "UPDATE chat_room SET open_name = NULL, closed_seq = ? WHERE id = ?", seq, id);
                update(c, "UPDATE chat_room_member SET to_seq = ? WHERE room_id = ? AND to_seq IS NULL", seq, id);
            }
        }
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            ps.executeUpdate();
        }
    }
}
