package io.tcpchat.server.irc;

import java.util.concurrent.locks.LockSupport;

/**
 * Fakelag (as IRC servers do it, e.g. ergo's fakelag.go): a connection's commands are taken
 * at {@code chat.limits.rate} a second after a burst of {@code chat.limits.burst}; past that
 * the reader waits before it reads on, so a flooding client slows down instead of being told
 * off, and TCP holds the rest back. The server's own limit still stands behind it. Reader thread only.
 */
final class IrcFlood {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last = System.nanoTime();

    IrcFlood(int rate, int burst) {
        this.perNano = rate / 1e9;
        this.burst = Math.max(1, burst);
        this.tokens = this.burst;
    }

    /** Takes a token, waiting for one if needed; a rate of 0 never waits. */
    void pace() {
        if (perNano == 0) {
            return;
        }
        refill();
        if (tokens < 1) {
            LockSupport.parkNanos((long) ((1 - tokens) / perNano));
            refill();
        }
        tokens -= 1;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
    }
}
