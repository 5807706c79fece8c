package io.tcpchat.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;

/**
 * Every J event a server sends (docs/protocol.md, "Events, server to client"). Optional fields
 * are {@code null} and left out of the JSON.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerEvent.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ServerEvent.ChatMessage.class, name = "msg"),
        @JsonSubTypes.Type(value = ServerEvent.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = ServerEvent.Joined.class, name = "joined"),
        @JsonSubTypes.Type(value = ServerEvent.Left.class, name = "left"),
        @JsonSubTypes.Type(value = ServerEvent.UploadReady.class, name = "upload.ready"),
        @JsonSubTypes.Type(value = ServerEvent.FileAvailable.class, name = "file"),
        @JsonSubTypes.Type(value = ServerEvent.DownloadStart.class, name = "download.start"),
        @JsonSubTypes.Type(value = ServerEvent.DownloadEnd.class, name = "download.end"),
        @JsonSubTypes.Type(value = ServerEvent.Users.class, name = "users"),
        @JsonSubTypes.Type(value = ServerEvent.HistoryPage.class, name = "history"),
        @JsonSubTypes.Type(value = ServerEvent.Ping.class, name = "ping"),
        @JsonSubTypes.Type(value = ServerEvent.Pong.class, name = "pong"),
        @JsonSubTypes.Type(value = ServerEvent.ErrorEvent.class, name = "error"),
        @JsonSubTypes.Type(value = ServerEvent.Bye.class, name = "bye"),
        @JsonSubTypes.Type(value = ServerEvent.RoomState.class, name = "room.state"),
        @JsonSubTypes.Type(value = ServerEvent.RoomList.class, name = "rooms"),
        @JsonSubTypes.Type(value = ServerEvent.RoomJoined.class, name = "room.joined"),
        @JsonSubTypes.Type(value = ServerEvent.RoomLeft.class, name = "room.left"),
        @JsonSubTypes.Type(value = ServerEvent.RoomTopic.class, name = "room.topic"),
        @JsonSubTypes.Type(value = ServerEvent.RoomMode.class, name = "room.mode"),
        @JsonSubTypes.Type(value = ServerEvent.RoomOp.class, name = "room.op"),
        @JsonSubTypes.Type(value = ServerEvent.RoomBan.class, name = "room.ban"),
        @JsonSubTypes.Type(value = ServerEvent.RoomInvite.class, name = "room.invite"),
        @JsonSubTypes.Type(value = ServerEvent.RoomClosed.class, name = "room.closed"),
})
public sealed interface ServerEvent {

    /** An event the server stores and numbers: it has a {@code seq} and a {@code ts}. */
    sealed interface Stored extends ServerEvent {
        long seq();

        Instant ts();
    }

    /** The room limits are set by a server with rooms, absent otherwise. */
    record Limits(int maxFrame, int maxText, long maxFileSize, int chunk, Integer roomsPerUser,
                  Integer membersPerRoom, Integer maxTopic) {

        public Limits(int maxFrame, int maxText, long maxFileSize, int chunk) {
            this(maxFrame, maxText, maxFileSize, chunk, null, null, null);
        }
    }

    /**
     * Logged in; {@code ref} is the {@code hello}'s, as in every answer. {@code features}: the
     * extensions the server has; {@code rooms} (rooms-aware sessions only): the user's rooms,
     * {@code #lobby} first; {@code roles}: {@code ["admin"]} for an administrator.
     */
    record Welcome(int v, String user, String session, String server, Limits limits, List<String> features,
                   List<String> rooms, List<String> roles, String ref) implements ServerEvent {

        public Welcome(int v, String user, String session, String server, Limits limits, String ref) {
            this(v, user, session, server, limits, null, null, null, ref);
        }

        /** A welcome answering a {@code hello} that carried no {@code ref}. */
        public Welcome(int v, String user, String session, String server, Limits limits) {
            this(v, user, session, server, limits, null);
        }

        public boolean has(String feature) {
            return features != null && features.contains(feature);
        }
    }

    /**
     * Wire type {@code msg}; {@code to} is set on a direct message, {@code room} on a message
     * to a room other than {@code #lobby}, {@code kind} ({@code "action"}) on an action.
     */
    record ChatMessage(long seq, Instant ts, String from, String text, String to, String room, String kind)
            implements Stored {

        public ChatMessage(long seq, Instant ts, String from, String text, String to) {
            this(seq, ts, from, text, to, null, null);
        }
    }

    record Ack(String ref, Long seq, Long file) implements ServerEvent {
    }

    record Joined(long seq, Instant ts, String user) implements Stored {
    }

    record Left(long seq, Instant ts, String user, String reason) implements Stored {
    }

    record UploadReady(String ref, long file, int chunk) implements ServerEvent {
    }

    /** Wire type {@code file}: a complete, verified file is ready to download. */
    record FileAvailable(long seq, Instant ts, String from, long file, String name, long size, String sha256,
                         String to, String room) implements Stored {

        public FileAvailable(long seq, Instant ts, String from, long file, String name, long size, String sha256,
                             String to) {
            this(seq, ts, from, file, name, size, sha256, to, null);
        }
    }

    record DownloadStart(long file, String name, long size, String sha256, long offset, String ref)
            implements ServerEvent {
    }

    record DownloadEnd(long file, String ref) implements ServerEvent {
    }

    /**
     * Wire type {@code users}, the answer to {@code who}. {@code total}: how many are online;
     * {@code more}: the list was cut to fit a frame (both added by this server, absent from others).
     */
    record Users(List<String> users, Integer total, Boolean more, String ref) implements ServerEvent {

        public Users(List<String> users, String ref) {
            this(users, null, null, ref);
        }
    }

    /** Wire type {@code history}: stored events, oldest first. */
    record HistoryPage(List<Stored> events, boolean more, String ref) implements ServerEvent {
    }

    record Ping(String ref) implements ServerEvent {
    }

    record Pong(String ref) implements ServerEvent {
    }

    /** Wire type {@code error}; {@code code} is an {@link ErrorCode} wire name. */
    record ErrorEvent(String code, String message, String ref, Long file) implements ServerEvent {

        public static ErrorEvent of(ErrorCode code, String message, String ref) {
            return new ErrorEvent(code.wire(), message, ref, null);
        }

        public ErrorCode errorCode() {
            return ErrorCode.fromWire(code);
        }
    }

    record Bye(String reason) implements ServerEvent {
    }

    // ---- the rooms extension (docs/protocol.md, "Rooms") ----

    /** A stored event of the rooms extension: sent to rooms-aware sessions only. */
    sealed interface RoomEvent extends Stored {
        String room();
    }

    /** {@code created}: this join created the room, and the user is its first operator. */
    record RoomJoined(long seq, Instant ts, String room, String user, Boolean created) implements RoomEvent {
    }

    /** {@code reason}: {@code part}, {@code kick} or {@code ban}; {@code by} for kick and ban. */
    record RoomLeft(long seq, Instant ts, String room, String user, String reason, String by, String text)
            implements RoomEvent {
    }

    /** The topic set ({@code ""}: cleared). */
    record RoomTopic(long seq, Instant ts, String room, String by, String topic) implements RoomEvent {
    }

    /** The room's whole mode after a change: a reader never has to fold. */
    record RoomMode(long seq, Instant ts, String room, String by, boolean inviteOnly, boolean topicLock)
            implements RoomEvent {
    }

    record RoomOp(long seq, Instant ts, String room, String by, String user, boolean op) implements RoomEvent {
    }

    record RoomBan(long seq, Instant ts, String room, String by, String user, boolean banned, String text)
            implements RoomEvent {
    }

    /** Reaches the room's members and the invited user. */
    record RoomInvite(long seq, Instant ts, String room, String by, String user) implements RoomEvent {
    }

    /** An administrator closed the room: every membership ends here. */
    record RoomClosed(long seq, Instant ts, String room, String by, String text) implements RoomEvent {
    }

    record Member(String user, boolean op, boolean online) {
    }

    record BanEntry(String user, String by, String text) {
    }

    record InviteEntry(String user, String by) {
    }

    /**
     * Wire type {@code room.state}, the answer to {@code join} (with the {@code seq} of the
     * {@code room.joined} it stored, if any) and to {@code members}. {@code bans} and
     * {@code invites} go to operators and administrators only.
     */
    record RoomState(String ref, String room, Long seq, Boolean created, String topic, boolean inviteOnly,
                     boolean topicLock, List<Member> members, List<BanEntry> bans, List<InviteEntry> invites)
            implements ServerEvent {
    }

    /** One row of {@code rooms}; the topic of an invite-only room only for its members. */
    record RoomInfo(String room, int members, String topic, boolean inviteOnly, boolean member) {
    }

    /** Wire type {@code rooms}, the answer to {@code rooms}: in name order; {@code more}: the list was cut. */
    record RoomList(List<RoomInfo> rooms, boolean more, String ref) implements ServerEvent {
    }
}
