package io.tcpchat.server.session;

/**
 * Which rooms' live entries one rooms-aware connection may see: for each membership, the room's
 * id in the live log and the log indices {@code [from, to)} it covers. Immutable (a change
 * makes a new view, set by the event log's publisher), a handful of entries (a user's rooms),
 * read by the connection's writer once per write without a lock.
 */
public final class RoomView {

    public static final RoomView EMPTY = new RoomView(new int[0], new long[0], new long[0]);

    private final int[] rooms;
    private final long[] from;
    private final long[] to;

    private RoomView(int[] rooms, long[] from, long[] to) {
        this.rooms = rooms;
        this.from = from;
        this.to = to;
    }

    public boolean contains(int room, long index) {
        for (int i = 0; i < rooms.length; i++) {
            if (rooms[i] == room && index >= from[i] && index < to[i]) {
                return true;
            }
        }
        return false;
    }

    /** This view plus membership of {@code room} from log index {@code at} on. */
    public RoomView joined(int room, long at, long keepFrom) {
        return copy(keepFrom, 1, room, at, Long.MAX_VALUE);
    }

    /** This view with the open membership of {@code room} ending after log index {@code at}. */
    public RoomView left(int room, long at, long keepFrom) {
        RoomView v = copy(keepFrom, 0, 0, 0, 0);
        for (int i = 0; i < v.rooms.length; i++) {
            if (v.rooms[i] == room && v.to[i] == Long.MAX_VALUE) {
                v.to[i] = at + 1;
            }
        }
        return v;
    }

    /** A copy without the entries that end at or before {@code keepFrom}, with room for {@code extra} more. */
    private RoomView copy(long keepFrom, int extra, int room, long at, long until) {
        int n = 0;
        for (int i = 0; i < rooms.length; i++) {
            if (to[i] > keepFrom) {
                n++;
            }
        }
        int[] r = new int[n + extra];
        long[] f = new long[n + extra];
        long[] t = new long[n + extra];
        int k = 0;
        for (int i = 0; i < rooms.length; i++) {
            if (to[i] > keepFrom) {
                r[k] = rooms[i];
                f[k] = from[i];
                t[k++] = to[i];
            }
        }
        if (extra == 1) {
            r[k] = room;
            f[k] = at;
            t[k] = until;
        }
        return new RoomView(r, f, t);
    }

    public int size() {
        return rooms.length;
    }
}
