package io.tcpchat.bench;

import java.util.BitSet;

/**
 * What one receiver saw of every sender's stream {@code 1..expected}: each number must
 * arrive exactly once and in order. Counts duplicates (a number seen before), out-of-order
 * arrivals (a number below the highest seen from that sender, arriving for the first time),
 * numbers outside {@code 1..expected}, and, at the end, the numbers never seen (lost).
 *
 * <p>Cheap on the happy path: while a stream has no gap only its length is kept; a bit set
 * is allocated for a sender only once a number arrives early. Not thread-safe: one per
 * receiving thread.
 */
final class OrderChecker {

    /** What became of one number. */
    enum Outcome { IN_ORDER, OUT_OF_ORDER, DUPLICATE, INVALID }

    private final long expected;
    private final int self;
    /** Per sender: every number {@code 1..contiguous[s]} was seen. */
    private final long[] contiguous;
    /** Per sender: the highest number seen. */
    private final long[] highest;
    /** Per sender: numbers above {@code contiguous[s]} seen early, or {@code null}. */
    private final BitSet[] ahead;
    private long distinct;
    private long duplicates;
    private long outOfOrder;
    private long invalid;

    /**
     * @param senders  senders {@code 0 .. senders - 1}
     * @param expected numbers each sender sends, {@code 1 .. expected}
     * @param self     the sender this receiver is (it gets none of its own), or -1
     */
    OrderChecker(int senders, long expected, int self) {
        this.expected = expected;
        this.self = self;
        this.contiguous = new long[senders];
        this.highest = new long[senders];
        this.ahead = new BitSet[senders];
    }

    Outcome record(int sender, long seq) {
        if (sender < 0 || sender >= contiguous.length || sender == self || seq < 1 || seq > expected) {
            invalid++;
            return Outcome.INVALID;
        }
        long done = contiguous[sender];
        if (seq <= done) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        BitSet early = ahead[sender];
        if (seq == done + 1 && early == null) {
            contiguous[sender] = seq;
            highest[sender] = seq;
            distinct++;
            return Outcome.IN_ORDER;
        }
        int bit = Math.toIntExact(seq - done - 1);
        if (early == null) {
            early = new BitSet();
            ahead[sender] = early;
        }
        if (early.get(bit)) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        distinct++;
        Outcome outcome = seq < highest[sender] ? Outcome.OUT_OF_ORDER : Outcome.IN_ORDER;
        if (outcome == Outcome.OUT_OF_ORDER) {
            outOfOrder++;
        }
        highest[sender] = Math.max(highest[sender], seq);
        early.set(bit);
        // fold the run now complete from the start into contiguous, rebasing the bits
        int run = early.nextClearBit(0);
        if (run > 0) {
            contiguous[sender] = done + run;
            BitSet rest = early.get(run, Math.max(run, early.length()));
            ahead[sender] = rest.isEmpty() ? null : rest;
        }
        return outcome;
    }

    /** Every number of every other sender seen at least once. */
    boolean complete() {
        return distinct == expectedTotal();
    }

    long expectedTotal() {
        int others = self >= 0 && self < contiguous.length ? contiguous.length - 1 : contiguous.length;
        return others * expected;
    }

    /** Numbers seen, each counted once. */
    long distinct() {
        return distinct;
    }

    long lost() {
        return expectedTotal() - distinct;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfOrder() {
        return outOfOrder;
    }

    long invalid() {
        return invalid;
    }
}
