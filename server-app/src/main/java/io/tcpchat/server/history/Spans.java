package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Membership spans folded from room events, for a store that keeps events in memory (the
 * JDBC store has them in a table): user and room → seq intervals {@code [from, to]}, {@code to}
 * open while the user is a member. Keyed by room name: a closed room's spans end at its close,
 * so a later room of the same name never falls inside them. Not thread-safe: its store guards it.
 */
public final class Spans {

    static final Spans NONE = new Spans();

    private final Map<String, Map<String, List<long[]>>> byUser = new HashMap<>();

    void apply(ServerEvent.Stored event) {
        switch (event) {
            case ServerEvent.RoomJoined j -> spans(j.user(), j.room()).add(new long[] {j.seq(), Long.MAX_VALUE});
            case ServerEvent.RoomLeft l -> close(spans(l.user(), l.room()), l.seq());
            case ServerEvent.RoomClosed c -> {
                for (Map<String, List<long[]>> rooms : byUser.values()) {
                    List<long[]> list = rooms.get(c.room());
                    if (list != null) {
                        close(list, c.seq());
                    }
                }
            }
            default -> {
            }
        }
    }

    boolean holds(String userKey, String room, long seq) {
        Map<String, List<long[]>> rooms = byUser.get(userKey);
        List<long[]> list = rooms == null ? null : rooms.get(room);
        if (list == null) {
            return false;
        }
        for (long[] span : list) {
            if (seq >= span[0] && seq <= span[1]) {
                return true;
            }
        }
        return false;
    }

    boolean any(String userKey, String room) {
        Map<String, List<long[]>> rooms = byUser.get(userKey);
        return rooms != null && rooms.containsKey(room);
    }

    private List<long[]> spans(String user, String room) {
        return byUser.computeIfAbsent(user.toLowerCase(Locale.ROOT), k -> new HashMap<>())
                .computeIfAbsent(room, k -> new ArrayList<>());
    }

    private static void close(List<long[]> list, long seq) {
        for (long[] span : list) {
            if (span[1] == Long.MAX_VALUE) {
                span[1] = seq;
            }
        }
    }
}
