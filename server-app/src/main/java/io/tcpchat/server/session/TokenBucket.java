package io.tcpchat.server.session;

import java.util.function.LongSupplier;

/**
 * Request rate limit of one connection: {@code rate} tokens a second, at most {@code burst}
 * saved up. Used only by the connection's reader thread, so it needs no lock.
 */
final class TokenBucket {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    TokenBucket(int rate, int burst, LongSupplier nanoTime) {
        this.perNano = rate / 1e9;
        this.burst = Math.max(1, burst);
        this.nanoTime = nanoTime;
        this.tokens = this.burst;
        this.last = nanoTime.getAsLong();
    }

    boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
