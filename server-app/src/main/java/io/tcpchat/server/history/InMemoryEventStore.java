package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The newest {@code capacity} events in a ring. Nothing survives a restart: the durable
 * store replaces it where that matters.
 */
public final class InMemoryEventStore implements EventStore {

    private final ServerEvent.Stored[] ring;
    private final Clock clock;
    private long lastSeq;

    public InMemoryEventStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new ServerEvent.Stored[capacity];
        this.clock = clock;
    }

    @Override
    public synchronized ServerEvent.Stored append(EventDraft draft) {
        long seq = lastSeq + 1;
        ServerEvent.Stored stored = draft.toStored(seq, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
        ring[(int) (seq % ring.length)] = stored;
        lastSeq = seq;
        return stored;
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    private long oldestSeq() {
        return Math.max(1, lastSeq - ring.length + 1);
    }

    private ServerEvent.Stored at(long seq) {
        return ring[(int) (seq % ring.length)];
    }

    @Override
    public synchronized List<ServerEvent.Stored> after(long after, long upTo, String viewer, int max) {
        List<ServerEvent.Stored> out = new ArrayList<>();
        long end = Math.min(upTo, lastSeq);
        for (long seq = Math.max(after + 1, oldestSeq()); seq <= end && out.size() < max; seq++) {
            ServerEvent.Stored e = at(seq);
            if (Visibility.canSee(e, viewer)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized Page before(long before, int limit, String viewer) {
        List<ServerEvent.Stored> out = new ArrayList<>();
        long oldest = oldestSeq();
        long seq = Math.min(before - 1, lastSeq);
        for (; seq >= oldest && out.size() < limit; seq--) {
            ServerEvent.Stored e = at(seq);
            if (Visibility.canSee(e, viewer)) {
                out.add(e);
            }
        }
        boolean more = false;
        for (; seq >= oldest; seq--) {
            if (Visibility.canSee(at(seq), viewer)) {
                more = true;
                break;
            }
        }
        Collections.reverse(out);
        return new Page(out, more);
    }
}
