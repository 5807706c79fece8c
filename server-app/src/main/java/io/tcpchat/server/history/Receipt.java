package io.tcpchat.server.history;

/**
 * When the frame being handled on this thread arrived, so that work it causes elsewhere
 * (fan-out) can be timed from receipt. Set by the reader thread for each frame.
 */
public final class Receipt {

    private static final ThreadLocal<long[]> AT = ThreadLocal.withInitial(() -> new long[1]);

    private Receipt() {
    }

    public static void mark(long nanos) {
        AT.get()[0] = nanos;
    }

    public static void clear() {
        AT.get()[0] = 0;
    }

    /** The receipt time on this thread, or {@code orElse} when this thread is not handling a frame. */
    public static long at(long orElse) {
        long t = AT.get()[0];
        return t == 0 ? orElse : t;
    }
}
