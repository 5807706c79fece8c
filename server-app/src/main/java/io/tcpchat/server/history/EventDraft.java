package io.tcpchat.server.history;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.protocol.ServerEvent;

import java.time.Instant;

/**
 * An event about to be stored: everything but the {@code seq} and {@code ts} the store gives it.
 * {@code roomId} (0 for #lobby, direct events and presence) is set by the {@link EventGate} when
 * it decides the draft.
 */
public sealed interface EventDraft {

    ServerEvent.Stored toStored(long seq, Instant ts);

    /** The room's id in the store, 0 for none (#lobby, direct, presence). */
    default int roomId() {
        return 0;
    }

    /** {@code room}: a room other than #lobby; {@code kind}: {@code "action"} or null. */
    record Message(String from, String to, String text, String room, String kind, int roomId) implements EventDraft {

        public Message(String from, String to, String text) {
            this(from, to, text, null, null, 0);
        }

        public Message inRoom(int id) {
            return new Message(from, to, text, room, kind, id);
        }

        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.ChatMessage(seq, ts, from, text, to, room, kind);
        }
    }

    record Joined(String user) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.Joined(seq, ts, user);
        }
    }

    record Left(String user, LeaveReason reason) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.Left(seq, ts, user, reason.wire());
        }
    }

    record File(String from, String to, long file, String name, long size, String sha256, String room, int roomId)
            implements EventDraft {

        public File(String from, String to, long file, String name, long size, String sha256) {
            this(from, to, file, name, size, sha256, null, 0);
        }

        public File inRoom(int id) {
            return new File(from, to, file, name, size, sha256, room, id);
        }

        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.FileAvailable(seq, ts, from, file, name, size, sha256, to, room);
        }
    }

    /**
     * A room event the gate decided on: {@code event} as it will be stored, but for its seq and
     * ts. {@code roomId} is 0 for #lobby.
     */
    record RoomChange(ServerEvent.RoomEvent event, int roomId) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return switch (event) {
                case ServerEvent.RoomJoined e -> new ServerEvent.RoomJoined(seq, ts, e.room(), e.user(), e.created());
                case ServerEvent.RoomLeft e -> new ServerEvent.RoomLeft(seq, ts, e.room(), e.user(), e.reason(), e.by(),
                        e.text());
                case ServerEvent.RoomTopic e -> new ServerEvent.RoomTopic(seq, ts, e.room(), e.by(), e.topic());
                case ServerEvent.RoomMode e -> new ServerEvent.RoomMode(seq, ts, e.room(), e.by(), e.inviteOnly(),
                        e.topicLock());
                case ServerEvent.RoomOp e -> new ServerEvent.RoomOp(seq, ts, e.room(), e.by(), e.user(), e.op());
                case ServerEvent.RoomBan e -> new ServerEvent.RoomBan(seq, ts, e.room(), e.by(), e.user(), e.banned(),
                        e.text());
                case ServerEvent.RoomInvite e -> new ServerEvent.RoomInvite(seq, ts, e.room(), e.by(), e.user());
                case ServerEvent.RoomClosed e -> new ServerEvent.RoomClosed(seq, ts, e.room(), e.by(), e.text());
            };
        }
    }

    /**
     * A room request as the reader checked it (syntax, and facts that never revert: whether the
     * actor is an administrator, whether they are registered). Never stored as it is: the gate
     * decides it into {@link RoomChange}s, or refuses it.
     */
    record RoomRequest(String actor, boolean admin, boolean registered, ClientEvent.RoomRequest request)
            implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            throw new IllegalStateException("a room request is decided by the gate, never stored as it is");
        }
    }
}
