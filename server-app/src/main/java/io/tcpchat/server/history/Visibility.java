package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

/** Who may see a stored event: a direct message or file only its two parties, the rest everyone. */
public final class Visibility {

    private Visibility() {
    }

    public static boolean canSee(ServerEvent.Stored event, String viewer) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.to() == null || party(viewer, m.from(), m.to());
            case ServerEvent.FileAvailable f -> f.to() == null || party(viewer, f.from(), f.to());
            case ServerEvent.Joined j -> true;
            case ServerEvent.Left l -> true;
            case ServerEvent.RoomEvent r -> false;
        };
    }

    private static boolean party(String viewer, String from, String to) {
        return viewer.equalsIgnoreCase(from) || viewer.equalsIgnoreCase(to);
    }
}
