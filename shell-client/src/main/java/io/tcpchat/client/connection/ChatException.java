package io.tcpchat.client.connection;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.ServerEvent;

/**
 * Something the user asked for did not happen. The message is a sentence meant for a person
 * (never a stack trace); {@link #kind()} decides the exit status of one-shot use.
 */
public final class ChatException extends Exception {

    public enum Kind {
        /** The server refused the request ({@code error} event): exit status 1. */
        REFUSED(1),
        /** The command was used the wrong way: exit status 2. */
        USAGE(2),
        /** No connection, or it was lost: exit status 3. */
        CONNECTION(3),
        /** A local problem (a file that cannot be read, a checksum that does not match): exit status 1. */
        LOCAL(1);

        private final int exitStatus;

        Kind(int exitStatus) {
            this.exitStatus = exitStatus;
        }

        public int exitStatus() {
            return exitStatus;
        }
    }

    private final Kind kind;
    private final ErrorCode code;

    public ChatException(Kind kind, String message) {
        this(kind, null, message, null);
    }

    public ChatException(Kind kind, String message, Throwable cause) {
        this(kind, null, message, cause);
    }

    private ChatException(Kind kind, ErrorCode code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.code = code;
    }

    /** The server's {@code error}, in words a person understands. */
    public static ChatException refused(ServerEvent.ErrorEvent error) {
        return new ChatException(Kind.REFUSED, error.errorCode(), ServerErrors.describe(error), null);
    }

    public static ChatException usage(String message) {
        return new ChatException(Kind.USAGE, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The server's error code, or {@code null} when the server did not refuse anything. */
    public ErrorCode code() {
        return code;
    }
}
