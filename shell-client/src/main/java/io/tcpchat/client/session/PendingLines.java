package io.tcpchat.client.session;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Chat lines typed while the connection is away, oldest first, at most {@code capacity} of
 * them: they go out in order once it is back. Not thread-safe: {@link ChatSession} guards it.
 */
final class PendingLines<T> {

    private final int capacity;
    private final Deque<T> lines = new ArrayDeque<>();

    PendingLines(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps a line; {@code false} when {@code capacity} lines wait already. */
    boolean offer(T line) {
        if (lines.size() >= capacity) {
            return false;
        }
        lines.addLast(line);
        return true;
    }

    /** The oldest line, still kept; {@code null} when none waits. */
    T peek() {
        return lines.peekFirst();
    }

    /** The oldest line went out (or was refused for good). */
    void remove() {
        lines.pollFirst();
    }

    int size() {
        return lines.size();
    }

    int capacity() {
        return capacity;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
