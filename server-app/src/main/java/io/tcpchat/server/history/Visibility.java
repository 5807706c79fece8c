package io.tcpchat.server.history;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;

/**
 * Who may see a stored event (docs/protocol.md, "Rooms", visibility): a direct event only its
 * two parties; an event of a room other than #lobby only those whose membership span holds
 * its seq (and a {@code room.invite} its invitee); the rest everyone. A base session sees
 * nothing but what CHAT/1 defines. The same rule as {@link JdbcEventStore}'s SQL.
 */
public final class Visibility {

    private Visibility() {
    }

    /** Base visibility, as a session that knows only CHAT/1 sees it. */
    public static boolean canSee(ServerEvent.Stored event, String viewer) {
        return canSee(event, Viewer.base(viewer), Spans.NONE);
    }

    public static boolean canSee(ServerEvent.Stored event, Viewer viewer, Spans spans) {
        String room = room(event);
        boolean lobby = room == null || RoomNames.isLobby(room);
        String key = viewer.key();
        if (!viewer.roomsAware()) {
            return room == null && !(event instanceof ServerEvent.RoomEvent) && party(event, key);
        }
        return switch (viewer.scope()) {
            case DEFAULT -> lobby && party(event, key);
            case LOBBY -> lobby && !(event instanceof ServerEvent.Joined || event instanceof ServerEvent.Left)
                    && recipient(event) == null;
            case ROOM -> !lobby && room.equals(viewer.room()) && spans.holds(key, room, event.seq());
            case REPLAY -> lobby ? party(event, key)
                    : event instanceof ServerEvent.RoomInvite i && i.user().equalsIgnoreCase(key)
                    || spans.holds(key, room, event.seq());
        };
    }

    /** The room of an event, {@code null} for #lobby's messages and files, direct events and presence. */
    static String room(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.room();
            case ServerEvent.FileAvailable f -> f.room();
            case ServerEvent.RoomEvent r -> r.room();
            case ServerEvent.Joined j -> null;
            case ServerEvent.Left l -> null;
        };
    }

    private static String recipient(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.to();
            case ServerEvent.FileAvailable f -> f.to();
            default -> null;
        };
    }

    private static boolean party(ServerEvent.Stored event, String key) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.to() == null || party(key, m.from(), m.to());
            case ServerEvent.FileAvailable f -> f.to() == null || party(key, f.from(), f.to());
            default -> true;
        };
    }

    private static boolean party(String viewer, String from, String to) {
        return viewer.equalsIgnoreCase(from) || viewer.equalsIgnoreCase(to);
    }
}
