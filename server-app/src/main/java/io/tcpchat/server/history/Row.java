package io.tcpchat.server.history;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * How an event lies in a {@code chat_event} row, both ways. The actor is {@code from_name};
 * the user acted on by another (op, ban, kick, invite) {@code target_name}; a direct event's
 * or an invite's recipient {@code to_name}; text, topic or reason {@code body}; a msg's kind
 * or a room.left's reason {@code kind}; booleans in {@code flags}.
 */
record Row(String type, String from, String to, String body, String kind, String target, Integer flags) {

    static Row of(EventDraft d) {
        return switch (d) {
            case EventDraft.Message m -> new Row("msg", m.from(), m.to(), m.text(), m.kind(), null, null);
            case EventDraft.Joined j -> new Row("joined", j.user(), null, null, null, null, null);
            case EventDraft.Left l -> new Row("left", l.user(), null, l.reason().wire(), null, null, null);
            case EventDraft.File f -> new Row("file", f.from(), f.to(), null, null, null, null);
            case EventDraft.RoomChange r -> of(r.event());
            case EventDraft.RoomRequest r -> throw new IllegalStateException("a room request is never stored");
        };
    }

    private static Row of(ServerEvent.RoomEvent event) {
        return switch (event) {
            case ServerEvent.RoomJoined e -> new Row("room.joined", e.user(), null, null, null, null,
                    Boolean.TRUE.equals(e.created()) ? 1 : null);
            case ServerEvent.RoomLeft e -> e.by() == null
                    ? new Row("room.left", e.user(), null, e.text(), e.reason(), null, null)
                    : new Row("room.left", e.by(), null, e.text(), e.reason(), e.user(), null);
            case ServerEvent.RoomTopic e -> new Row("room.topic", e.by(), null, e.topic(), null, null, null);
            case ServerEvent.RoomMode e -> new Row("room.mode", e.by(), null, null, null, null,
                    (e.inviteOnly() ? 1 : 0) | (e.topicLock() ? 2 : 0));
            case ServerEvent.RoomOp e -> new Row("room.op", e.by(), null, null, null, e.user(), e.op() ? 1 : 0);
            case ServerEvent.RoomBan e -> new Row("room.ban", e.by(), null, e.text(), null, e.user(), e.banned() ? 1 : 0);
            case ServerEvent.RoomInvite e -> new Row("room.invite", e.by(), e.user(), null, null, e.user(), null);
            case ServerEvent.RoomClosed e -> new Row("room.closed", e.by(), null, e.text(), null, null, null);
        };
    }

    /** The event in the current row of {@code rs} (selected with {@code JdbcEventStore}'s columns). */
    static ServerEvent.Stored read(ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        Instant ts = rs.getObject("ts", OffsetDateTime.class).toInstant();
        String from = rs.getString("from_name");
        String to = rs.getString("to_name");
        String body = rs.getString("body");
        String kind = rs.getString("kind");
        String target = rs.getString("target_name");
        int flags = rs.getInt("flags");
        String roomName = rs.getString("room_name");
        // #lobby's events keep room_id NULL: a room event without a room is the lobby's
        String room = roomName == null ? RoomNames.LOBBY : roomName;
        return switch (rs.getString("type")) {
            case "msg" -> new ServerEvent.ChatMessage(seq, ts, from, body, to, roomName, kind);
            case "joined" -> new ServerEvent.Joined(seq, ts, from);
            case "left" -> new ServerEvent.Left(seq, ts, from, body);
            case "file" -> new ServerEvent.FileAvailable(seq, ts, from, rs.getLong("file_id"), rs.getString("file_name"),
                    rs.getLong("file_size"), rs.getString("file_sha256"), to, roomName);
            case "room.joined" -> new ServerEvent.RoomJoined(seq, ts, room, from, flags == 1 ? Boolean.TRUE : null);
            case "room.left" -> target == null
                    ? new ServerEvent.RoomLeft(seq, ts, room, from, kind, null, body)
                    : new ServerEvent.RoomLeft(seq, ts, room, target, kind, from, body);
            case "room.topic" -> new ServerEvent.RoomTopic(seq, ts, room, from, body == null ? "" : body);
            case "room.mode" -> new ServerEvent.RoomMode(seq, ts, room, from, (flags & 1) != 0, (flags & 2) != 0);
            case "room.op" -> new ServerEvent.RoomOp(seq, ts, room, from, target, flags == 1);
            case "room.ban" -> new ServerEvent.RoomBan(seq, ts, room, from, target, flags == 1, body);
            case "room.invite" -> new ServerEvent.RoomInvite(seq, ts, room, from, target);
            case "room.closed" -> new ServerEvent.RoomClosed(seq, ts, room, from, body);
            default -> throw new SQLException("unknown event type in row " + seq);
        };
    }
}
