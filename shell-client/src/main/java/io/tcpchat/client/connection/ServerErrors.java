package io.tcpchat.client.connection;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.ServerEvent;

/**
 * Server {@code error} events in plain words: a few words for the code, completed by the
 * server's own message when there is one, so nothing the server said is lost
 * ({@code "Not found: user zed is not online."}); a whole sentence when there is none.
 */
public final class ServerErrors {

    private ServerErrors() {
    }

    public static String describe(ServerEvent.ErrorEvent error) {
        ErrorCode code = error.errorCode();
        String detail = error.message() == null ? "" : error.message().strip();
        if (detail.isEmpty()) {
            return code == null ? "The server refused the request (" + error.code() + ")." : sentence(code);
        }
        String head = code == null ? "The server refused the request (" + error.code() + ")" : head(code);
        return head + ": " + detail + (detail.endsWith(".") ? "" : ".");
    }

    /** What went wrong, complete, for when the server says no more. */
    static String sentence(ErrorCode code) {
        return switch (code) {
            case BAD_FRAME -> "The server could not read what this client sent.";
            case BAD_REQUEST -> "The server did not accept that request.";
            case UNSUPPORTED_VERSION -> "The server speaks another protocol version.";
            case TIMEOUT -> "The server gave up waiting.";
            case AUTH_REQUIRED -> "This name is registered: a password is needed (--password).";
            case AUTH_FAILED -> "Wrong password for this name.";
            case NAME_TAKEN -> "Someone online already uses this name; pick another with --user.";
            case NAME_INVALID -> "That user name is not allowed: use 1 to 32 letters, digits, '_', '.' or '-'.";
            case NOT_FOUND -> "Not found.";
            case TOO_LARGE -> "That is too large for the server.";
            case RATE_LIMITED -> "Slow down: the server limits how fast requests may come.";
            case QUOTA_EXCEEDED -> "The server's storage quota is used up.";
            case CHECKSUM_MISMATCH -> "The file arrived damaged (size or SHA-256 did not match).";
            case SLOW_CONSUMER -> "The server dropped this connection because it read too slowly.";
            case TOO_MANY_CONNECTIONS -> "Too many connections from this address.";
            case SERVER_SHUTDOWN -> "The server is shutting down.";
            case INTERNAL -> "The server ran into an internal problem.";
            case FORBIDDEN -> "Not allowed: that needs a role you do not have in that room.";
            case BANNED -> "You are banned from that room.";
            case INVITE_ONLY -> "That room is invite-only: ask an operator for an invite.";
            case ROOM_FULL -> "That room is full.";
        };
    }

    /** A few words that the server's own message completes: "Not found: user zed is not online." */
    static String head(ErrorCode code) {
        return switch (code) {
            case BAD_FRAME -> "The server could not read this client";
            case BAD_REQUEST -> "Not accepted";
            case UNSUPPORTED_VERSION -> "Unsupported protocol version";
            case TIMEOUT -> "Timed out";
            case AUTH_REQUIRED -> "Password needed (--password)";
            case AUTH_FAILED -> "Login refused";
            case NAME_TAKEN -> "Name in use";
            case NAME_INVALID -> "Name not allowed";
            case NOT_FOUND -> "Not found";
            case TOO_LARGE -> "Too large";
            case RATE_LIMITED -> "Slow down";
            case QUOTA_EXCEEDED -> "The server's storage is full";
            case CHECKSUM_MISMATCH -> "The file arrived damaged";
            case SLOW_CONSUMER -> "Dropped for reading too slowly";
            case TOO_MANY_CONNECTIONS -> "Too many connections";
            case SERVER_SHUTDOWN -> "The server is shutting down";
            case INTERNAL -> "The server ran into a problem";
            case FORBIDDEN -> "Not allowed";
            case BANNED -> "Banned";
            case INVITE_ONLY -> "Invite only";
            case ROOM_FULL -> "Room full";
        };
    }
}
