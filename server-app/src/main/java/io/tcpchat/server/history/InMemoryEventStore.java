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
    /** The oldest seq not deleted by retention. */
    private long floor = 1;
    private final Spans spans = new Spans();

    public InMemoryEventStore(int capacity, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new ServerEvent.Stored[capacity];
        this.clock = clock;
    }

    @Override
    public synchronized List<ServerEvent.Stored> appendAll(List<EventDraft> drafts) {
        Instant ts = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        List<ServerEvent.Stored> out = new ArrayList<>(drafts.size());
        for (EventDraft draft : drafts) {
            long seq = lastSeq + 1;
            ServerEvent.Stored stored = draft.toStored(seq, ts);
            ring[(int) (seq % ring.length)] = stored;
            lastSeq = seq;
            spans.apply(stored);
            out.add(stored);
        }
        return out;
    }

    /** The ring forgets the oldest by itself; it applies the age limit too. */
    @Override
    public synchronized int deleteOld(Instant cutoff, long keep, int atMost) {
        int deleted = 0;
        for (long seq = oldestSeq(); seq <= lastSeq && deleted < atMost; seq++) {
            ServerEvent.Stored e = at(seq);
            boolean tooOld = cutoff != null && e != null && e.ts().isBefore(cutoff);
            boolean tooMany = keep > 0 && seq <= lastSeq - keep;
            if (e == null || !(tooOld || tooMany)) {
                break;
            }
            ring[(int) (seq % ring.length)] = null;
            floor = seq + 1;
            deleted++;
        }
        return deleted;
    }

    @Override
    public synchronized long lastSeq() {
        return lastSeq;
    }

    private long oldestSeq() {
        return Math.max(floor, lastSeq - ring.length + 1);
    }

    private ServerEvent.Stored at(long seq) {
        return ring[(int) (seq % ring.length)];
    }

    @Override
    public synchronized List<ServerEvent.Stored> after(long after, long upTo, Viewer viewer, int max) {
        List<ServerEvent.Stored> out = new ArrayList<>();
        long end = Math.min(upTo, lastSeq);
        for (long seq = Math.max(after + 1, oldestSeq()); seq <= end && out.size() < max; seq++) {
            ServerEvent.Stored e = at(seq);
            if (e != null && Visibility.canSee(e, viewer, spans)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public synchronized Page before(long before, int limit, Viewer viewer) {
        List<ServerEvent.Stored> out = new ArrayList<>();
        long oldest = oldestSeq();
        long seq = Math.min(before - 1, lastSeq);
        for (; seq >= oldest && out.size() < limit; seq--) {
            ServerEvent.Stored e = at(seq);
            if (e != null && Visibility.canSee(e, viewer, spans)) {
                out.add(e);
            }
        }
        boolean more = false;
        for (; seq >= oldest; seq--) {
            ServerEvent.Stored e = at(seq);
            if (e != null && Visibility.canSee(e, viewer, spans)) {
                more = true;
                break;
            }
        }
        Collections.reverse(out);
        return new Page(out, more);
    }

    @Override
    public synchronized boolean fileVisible(long fileId, Viewer viewer) {
        for (long seq = oldestSeq(); seq <= lastSeq; seq++) {
            if (at(seq) instanceof ServerEvent.FileAvailable f && f.file() == fileId) {
                return Visibility.canSee(f, viewer, spans);
            }
        }
        return false;
    }

    @Override
    public synchronized boolean wasMember(String userKey, String room) {
        return spans.any(userKey, room);
    }

    @Override
    public synchronized List<ServerEvent.Stored> all(long after, int max) {
        List<ServerEvent.Stored> out = new ArrayList<>();
        for (long seq = Math.max(after + 1, oldestSeq()); seq <= lastSeq && out.size() < max; seq++) {
            ServerEvent.Stored e = at(seq);
            if (e != null) {
                out.add(e);
            }
        }
        return out;
    }
}
