package io.tcpchat.client.session;

import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.protocol.ServerEvent;

/**
 * Where a {@link ChatSession} shows what happens without being asked: incoming messages,
 * presence, files, connection changes. Implemented by the shell (colours above the prompt,
 * or plain lines). Called from the connection's threads.
 */
public interface SessionView {

    /** A chat message, a presence change or a file announcement. */
    void show(ServerEvent.Stored event);

    /** Something worth knowing: a download saved, a file offered, reconnected. */
    void info(String text);

    /** Something that went wrong and that nobody waits for. */
    void warn(String text);

    /** The connection changed; {@code detail} says why in plain words, or is {@code null}. */
    void stateChanged(ConnectionState state, String detail);

    /**
     * An event of another room than the current one: kept as unseen there (its unread count
     * changed); a view may still point out a line that names the user.
     */
    default void elsewhere(String room, ServerEvent.Stored event) {
    }

    /** The rooms changed: joined, left, switched, or the server says whether it has rooms. */
    default void roomsChanged() {
    }

    /** Shows nothing. */
    SessionView NONE = new SessionView() {
        @Override
        public void show(ServerEvent.Stored event) {
        }

        @Override
        public void info(String text) {
        }

        @Override
        public void warn(String text) {
        }

        @Override
        public void stateChanged(ConnectionState state, String detail) {
        }
    };
}
