package io.tcpchat.server.session;

import java.lang.invoke.VarHandle;

/**
 * The live stream every connection reads from: each stored event, encoded once, in
 * {@code seq} order. A connection is a cursor into it (its {@link Outbox} keeps the cursor);
 * its writer copies the frames its user may see from the cursor to the head into one
 * write. Delivering an event to N connections therefore costs no queue node, no atomic and
 * no allocation per connection: only the writers' reads.
 *
 * <p>One thread appends (the event log's publisher, under its fan-out lock); any thread
 * reads. Entries live in a ring of {@code capacity} slots, written before the volatile
 * {@code head} is advanced past them (safe publication); a slot is overwritten only
 * {@code capacity} entries later. A reader lagging that far is a slow consumer: the
 * publisher marks it before it overwrites anything the reader still needs, and the reader
 * re-checks the head after copying ({@link #overwritten}), so a torn read is never sent.
 *
 * <p>Who may see an entry: everyone but its author, or only its recipient (a direct
 * message), as {@link #visibleTo} says. Names are compared by their lower-case key.
 */
public final class EncodedLog {

    private final int mask;
    private final byte[][] frames;
    private final String[] authors;
    private final String[] recipients;
    /** The room of each entry's event in the live log (0: #lobby, direct, presence). */
    private final int[] rooms;
    /** Whether an entry is an extension event (room.*): never for a base session. */
    private final boolean[] extension;
    /** Bytes of every frame up to and including slot i's entry, to tell a cursor's lag in bytes. */
    private final long[] endBytes;
    /** Entries published: indices [0, head) are readable (those not yet overwritten). */
    private volatile long head;
    /**
     * Entries appended, published or not: raised before a slot is overwritten, so that a
     * reader who saw an overwritten slot also sees this has moved ({@link #overwritten}).
     */
    private volatile long reserved;
    /** Written by the appender only; head publishes it. */
    private long next;
    /** Entries below this have been let go (appender only). */
    private long released;
    private long totalBytes;

    public EncodedLog(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 16) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 16: " + capacity);
        }
        this.mask = capacity - 1;
        this.frames = new byte[capacity][];
        this.authors = new String[capacity];
        this.recipients = new String[capacity];
        this.rooms = new int[capacity];
        this.extension = new boolean[capacity];
        this.endBytes = new long[capacity];
    }

    public int capacity() {
        return mask + 1;
    }

    /**
     * Adds an entry, not yet visible to readers: {@link #publish()} makes every appended
     * entry visible at once. Appender thread only.
     *
     * @param authorKey    lower-case name of the author; never sees the entry live
     * @param recipientKey lower-case name of the only recipient, or {@code null} for everyone
     * @return the entry's index
     */
    public long append(byte[] frame, String authorKey, String recipientKey) {
        return append(frame, authorKey, recipientKey, 0, false);
    }

    /**
     * As {@link #append(byte[], String, String)}, for an event of a room ({@code room} its id in
     * the live log, 0 for #lobby) and maybe of an extension type ({@code extension}: base
     * sessions never see it). In a room, the recipient is one who sees the entry without
     * being a member (an invitee).
     */
    public long append(byte[] frame, String authorKey, String recipientKey, int room, boolean extension) {
        int slot = (int) (next & mask);
        reserved = next + 1;
        VarHandle.storeStoreFence(); // the slot's old entry may still be read: reserved moves first
        frames[slot] = frame;
        authors[slot] = authorKey;
        recipients[slot] = recipientKey;
        rooms[slot] = room;
        this.extension[slot] = extension;
        totalBytes += frame.length;
        endBytes[slot] = totalBytes;
        return next++;
    }

    /** The index the next appended entry gets. Appender thread only. */
    public long next() {
        return next;
    }

    /** Makes the appended entries visible; returns the new head. Appender thread only. */
    public long publish() {
        head = next;
        return next;
    }

    /**
     * Lets go of the frames of entries below {@code upTo} that every reader has passed, so
     * that they die young instead of living in the ring until it wraps (measured: the
     * retained frames were promoted and kept the collector's concurrent marking busy).
     * Appender thread only; {@code upTo} must be at most the lowest cursor of every reader.
     */
    public void release(long upTo) {
        long end = Math.min(upTo, next);
        for (long i = Math.max(released, end - mask - 1); i < end; i++) {
            int slot = (int) (i & mask);
            frames[slot] = null;
            authors[slot] = null;
            recipients[slot] = null;
            rooms[slot] = 0;
        }
        released = Math.max(released, end);
    }

    /** Entries published so far: a new reader starts here. */
    public long head() {
        return head;
    }

    /** Bytes between {@code cursor} and the head: what a reader at {@code cursor} has yet to look at. */
    public long bytesBehind(long cursor) {
        long h = head;
        if (cursor >= h) {
            return 0;
        }
        return endBytes[(int) ((h - 1) & mask)] - (cursor == 0 ? 0 : endBytes[(int) ((cursor - 1) & mask)]);
    }

    /**
     * Whether the entry at {@code index} may have been overwritten by now: call after
     * reading it (and everything after it), and discard what was read if so.
     */
    public boolean overwritten(long index) {
        VarHandle.loadLoadFence(); // the slots were read before reserved is
        return reserved - index > mask + 1;
    }

    public byte[] frame(long index) {
        return frames[(int) (index & mask)];
    }

    /** Whether the user with lower-case name {@code userKey}, on a base session, gets the entry live. */
    public boolean visibleTo(long index, String userKey) {
        return visibleTo(index, userKey, null);
    }

    /**
     * Whether the user with lower-case name {@code userKey} gets the entry at {@code index} live:
     * {@code view} is the rooms-aware connection's rooms, {@code null} for a base session.
     * #lobby's, direct and presence entries: everyone but the author, or only the recipient;
     * a room's: its members at that index but the author, and the recipient (an invitee).
     */
    public boolean visibleTo(long index, String userKey, RoomView view) {
        int slot = (int) (index & mask);
        String author = authors[slot];
        if (author == null) {
            return false; // released: only a connection already gone can still be this far back
        }
        String to = recipients[slot];
        int room = rooms[slot];
        if (room == 0) {
            if (view == null && extension[slot]) {
                return false;
            }
            return to == null ? !author.equals(userKey) : to.equals(userKey);
        }
        if (view == null) {
            return false;
        }
        return userKey.equals(to) || !author.equals(userKey) && view.contains(room, index);
    }
}
