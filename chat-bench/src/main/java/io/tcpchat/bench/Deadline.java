package io.tcpchat.bench;

import java.time.Duration;

/** A point in {@link System#nanoTime()} time that a run must not pass. */
record Deadline(long atNanos) {

    static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    long remainingNanos() {
        return atNanos - System.nanoTime();
    }

    long remainingMillis() {
        return Math.max(0, remainingNanos() / 1_000_000);
    }

    boolean passed() {
        return remainingNanos() <= 0;
    }

    /** The earlier of this deadline and {@code duration} from now. */
    Deadline within(Duration duration) {
        return new Deadline(Math.min(atNanos, System.nanoTime() + duration.toNanos()));
    }
}
