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
})
public sealed interface ServerEvent {

    /** An event the server stores and numbers: it has a {@code seq} and a {@code ts}. */
    sealed interface Stored extends ServerEvent {
        long seq();

        Instant ts();
    }

    record Limits(int maxFrame, int maxText, long maxFileSize, int chunk) {
    }

    /** Logged in; {@code ref} is the {@code hello}'s, as in every answer. */
    record Welcome(int v, String user, String session, String server, Limits limits, String ref)
            implements ServerEvent {

        /** A welcome answering a {@code hello} that carried no {@code ref}. */
        public Welcome(int v, String user, String session, String server, Limits limits) {
            this(v, user, session, server, limits, null);
        }
    }

    /** Wire type {@code msg}; {@code to} is set on a direct message. */
    record ChatMessage(long seq, Instant ts, String from, String text, String to) implements Stored {
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
                         String to) implements Stored {
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
}
