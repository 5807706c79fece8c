package io.tcpchat.client.connection;

import java.util.TreeSet;

/**
 * Which stored events ({@code seq}) this client has seen, so that a resumed session asks for
 * exactly what it missed ({@code hello.since} = the highest seq seen) and shows nothing twice.
 *
 * <p>It remembers the last {@code window} seqs, not only the highest, so an event that
 * arrives after a later one is still shown once. Anything older than the window counts as
 * seen. Thread-safe.
 */
public final class SeqTracker {

    private final int window;
    private final TreeSet<Long> seen = new TreeSet<>();
    private long highest;

    public SeqTracker(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.window = window;
    }

    public SeqTracker() {
        this(4096);
    }

    /** Records {@code seq}; {@code true} when it was not seen before and should be shown. */
    public synchronized boolean accept(long seq) {
        if (seq <= highest) {
            if (seen.contains(seq)) {
                return false;
            }
            if (seen.size() >= window && seq < seen.first()) {
                return false; // older than anything remembered: take it as seen
            }
        }
        seen.add(seq);
        highest = Math.max(highest, seq);
        while (seen.size() > window) {
            seen.pollFirst();
        }
        return true;
    }

    /** The value for {@code hello.since}: the highest seq seen, 0 when none. */
    public synchronized long highest() {
        return highest;
    }
}
