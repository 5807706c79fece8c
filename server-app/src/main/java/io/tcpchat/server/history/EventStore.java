package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import java.util.List;

/**
 * Where stored events live and get their {@code seq}. Appends are serialized by
 * {@link EventLog}; reads may come from any thread at any time.
 */
public interface EventStore {

    /** Stores the event under the next {@code seq} and returns it as stored. */
    ServerEvent.Stored append(EventDraft draft);

    /** The highest {@code seq} stored so far (0 when none). */
    long lastSeq();

    /**
     * Up to {@code max} events {@code viewer} may see with {@code after < seq <= upTo}, oldest first.
     */
    List<ServerEvent.Stored> after(long after, long upTo, String viewer, int max);

    /**
     * The newest {@code limit} events {@code viewer} may see with {@code seq < before}, oldest
     * first, and whether older ones exist.
     */
    Page before(long before, int limit, String viewer);

    record Page(List<ServerEvent.Stored> events, boolean more) {
    }
}
