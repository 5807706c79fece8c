package io.tcpchat.bench;

import io.tcpchat.protocol.RoomNames;

import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Who is in which room in a {@code rooms} run: clients {@code 0 .. big - 1} in the big room
 * (room 0), then {@code perRoom} clients in each of the {@code busy} other rooms
 * (rooms 1 .. busy). Each client is its own bench sender, numbered by its client index, so
 * a text says which room its message belongs to.
 *
 * <p>{@link #audience} is the check that no message crosses rooms: a delivery labelled
 * with another room, or from a sender of another room, is {@link BenchClient.Audience#FOREIGN}.
 */
final class RoomLayout {

    private final int big;
    private final int busy;
    private final int perRoom;
    private final String[] names;
    private final IntFunction<String> user;

    /**
     * @param tag  makes the room names of this run its own: {@code #<tag>big}, {@code #<tag>r1}, ...
     * @param user the user name of client {@code i}
     */
    RoomLayout(int big, int busy, int perRoom, String tag, IntFunction<String> user) {
        this.big = big;
        this.busy = busy;
        this.perRoom = perRoom;
        this.user = user;
        this.names = new String[busy + 1];
        String prefix = "#" + tag.toLowerCase(Locale.ROOT);
        for (int r = 0; r <= busy; r++) {
            names[r] = prefix + (r == 0 ? "big" : "r" + r);
            if (!RoomNames.isValid(names[r])) {
                throw new IllegalArgumentException("not a valid room name: " + names[r]);
            }
        }
    }

    int clients() {
        return big + busy * perRoom;
    }

    /** The room of client {@code index}: 0 for the big room, 1 .. busy for the others. */
    int roomOf(int index) {
        if (index < 0 || index >= clients()) {
            return -1;
        }
        return index < big ? 0 : 1 + (index - big) / perRoom;
    }

    int firstOf(int room) {
        return room == 0 ? 0 : big + (room - 1) * perRoom;
    }

    int sizeOf(int room) {
        return room == 0 ? big : perRoom;
    }

    String name(int room) {
        return names[room];
    }

    /** The index of client {@code index} among its room's members. */
    int localIndex(int index) {
        return index - firstOf(roomOf(index));
    }

    /** The {@link BenchClient.Audience} of client {@code index}: its room's members and no one else. */
    BenchClient.Audience audience(int index) {
        int room = roomOf(index);
        String name = names[room];
        int first = firstOf(room);
        return (from, deliveredIn, text) -> {
            if (deliveredIn == null || !name.equalsIgnoreCase(deliveredIn) || roomOf(text.sender()) != room) {
                return BenchClient.Audience.FOREIGN;
            }
            if (!user.apply(text.sender()).equalsIgnoreCase(from)) {
                return BenchClient.Audience.MISATTRIBUTED;
            }
            return text.sender() - first;
        };
    }
}
