package io.tcpchat.server.history;

import java.util.Locale;

/**
 * Who reads stored events, and which of them (docs/protocol.md, "Rooms", visibility).
 *
 * @param key        the reader's name in lower case
 * @param roomsAware whether the session opted in to rooms; a base session sees only what
 *                   CHAT/1 defines (#lobby, its direct events, presence)
 * @param scope      which events: a replay, the default history, or one room's
 * @param room       for {@link Scope#ROOM}: the room's name (the open room of that name, else the
 *                   latest closed one)
 */
public record Viewer(String key, boolean roomsAware, Scope scope, String room) {

    public enum Scope {
        /** {@code since}-replay: everything the reader may see, in every room. */
        REPLAY,
        /** {@code history} without a room: #lobby (with its room events), direct events, presence. */
        DEFAULT,
        /** {@code history} of {@code #lobby}: its messages, files and room events. */
        LOBBY,
        /** {@code history} of another room: its events inside the reader's membership spans. */
        ROOM
    }

    public Viewer {
        key = key.toLowerCase(Locale.ROOT);
    }

    /** A base session: what CHAT/1 alone defines, for replay and history alike. */
    public static Viewer base(String user) {
        return new Viewer(user, false, Scope.DEFAULT, null);
    }

    public static Viewer replay(String user, boolean roomsAware) {
        return new Viewer(user, roomsAware, Scope.REPLAY, null);
    }
}
