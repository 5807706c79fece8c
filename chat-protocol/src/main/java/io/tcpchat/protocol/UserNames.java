package io.tcpchat.protocol;

import java.util.regex.Pattern;

/** The name rule of {@code hello.user}: 1 to 32 of {@code [A-Za-z0-9_.-]}, unique without regard to case. */
public final class UserNames {

    /** Says the rule in words, for error messages. */
    public static final String RULE = "a name is 1 to 32 of A-Z a-z 0-9 _ . -";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    private UserNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }
}
