package io.tcpchat.client.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Waits between reconnection attempts: doubling from {@code initial} up to {@code max}, each wait
 * drawn between half of that and all of it ("equal jitter"). The cap is low (5 s by default) so a
 * server that is back is found within seconds, and the jitter holds also at the cap, so clients
 * dropped together do not all return in the same instant.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempt;

    /** @param random numbers in [0, 1), injected so that tests know the schedule */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    public Backoff(Duration initial, Duration max) {
        this(initial, max, Math::random);
    }

    /** The wait before the next attempt; each call counts an attempt. */
    public synchronized Duration next() {
        long base = initial.toMillis() << Math.min(attempt, 20);
        attempt++;
        long capped = Math.min(base, max.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(capped - half + Math.round(half * random.getAsDouble()));
    }

    /** After a successful connection: start again from {@code initial}. */
    public synchronized void reset() {
        attempt = 0;
    }
}
