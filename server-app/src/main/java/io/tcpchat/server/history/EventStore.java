package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import java.util.List;
import java.util.function.Supplier;

/**
 * Where stored events live and get their {@code seq}. Appends come from one thread, the
 * {@link EventLog}'s committer; reads may come from any thread at any time.
 */
public interface EventStore {

    /**
     * Stores the events, in order, under increasing {@code seq}s, atomically and durably
     * (as durable as the store is): when this returns they are committed.
     */
    List<ServerEvent.Stored> appendAll(List<EventDraft> drafts);

    /**
     * As {@link #appendAll(List)}, with {@code gate} writing the state the events change in the
     * same transaction (a store without transactions ignores it).
     */
    default List<ServerEvent.Stored> appendAll(List<EventDraft> drafts, EventGate gate) {
        return appendAll(drafts);
    }

    /**
     * Decides and stores one batch: {@code decide} runs (on the appending thread) when the store
     * is ready to number what it returns, which it then stores as {@link #appendAll(List, EventGate)}
     * does. A cluster's store runs it with the seq counter locked, after {@code gate} has caught
     * up with the other replicas' events; alone, deciding first is the same thing.
     */
    default List<ServerEvent.Stored> decideAndAppend(Supplier<List<EventDraft>> decide, EventGate gate) {
        List<EventDraft> drafts = decide.get();
        return drafts.isEmpty() ? List.of() : appendAll(drafts, gate);
    }

    /**
     * Up to {@code max} events with {@code seq > after}, oldest first, whoever may see them: what a
     * cluster's tail delivers.
     */
    List<ServerEvent.Stored> all(long after, int max);

    /** The highest {@code seq} stored so far (0 when none). */
    long lastSeq();

    /**
     * Deletes events stored before {@code cutoff} (when not null) and all but the newest
     * {@code keep} (when above 0), a bounded number per call; returns how many went.
     */
    default int deleteOld(java.time.Instant cutoff, long keep, int atMost) {
        return 0;
    }

    /**
     * Up to {@code max} events {@code viewer} may see with {@code after < seq <= upTo}, oldest first.
     */
    List<ServerEvent.Stored> after(long after, long upTo, Viewer viewer, int max);

    /** As a base session (CHAT/1 alone) sees them. */
    default List<ServerEvent.Stored> after(long after, long upTo, String viewer, int max) {
        return after(after, upTo, Viewer.base(viewer), max);
    }

    /**
     * The newest {@code limit} events {@code viewer} may see with {@code seq < before}, oldest
     * first, and whether older ones exist.
     */
    Page before(long before, int limit, Viewer viewer);

    /** As a base session (CHAT/1 alone) sees them. */
    default Page before(long before, int limit, String viewer) {
        return before(before, limit, Viewer.base(viewer));
    }

    /**
     * Whether {@code viewer} may see the {@code file} event of file {@code fileId} (a room's file
     * is fetched by those who saw it); false when there is no such event (any more).
     */
    boolean fileVisible(long fileId, Viewer viewer);

    /** Whether {@code viewer} was ever a member of a room of that name (has a span in it). */
    boolean wasMember(String userKey, String room);

    /** Lets go of what the store holds (its appender's connection). */
    default void close() {
    }

    record Page(List<ServerEvent.Stored> events, boolean more) {
    }
}
