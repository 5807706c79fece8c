package io.tcpchat.protocol;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The room name rule: {@code #} and 1 to 32 of {@code [a-z0-9_.-]}, without regard to case.
 * ASCII only, so every name is also a valid IRC channel and IRC's case-mapping puzzles never
 * arise; the lower-case form is the room's one name.
 */
public final class RoomNames {

    public static final String LOBBY = "#lobby";
    public static final String RULE = "a room name is # and 1 to 32 of a-z 0-9 _ . -";
    /** The feature a {@code hello} names to opt in, and a {@code welcome} lists. */
    public static final String FEATURE = "rooms";

    private static final Pattern NAME = Pattern.compile("#[A-Za-z0-9_.-]{1,32}");

    private RoomNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** The one (lower-case) name of a valid room name, or {@code null} for an invalid one. */
    public static String fold(String name) {
        return isValid(name) ? name.toLowerCase(Locale.ROOT) : null;
    }

    public static boolean isLobby(String name) {
        return LOBBY.equalsIgnoreCase(name);
    }
}
