package io.tcpchat.client.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Waits between reconnection attempts: doubling from {@code initial} up to {@code max}, with
 * up to 20 % random jitter so that many clients dropped at once do not return at once.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;
    private int attempt;

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
        long jitter = Math.round(capped * 0.2 * random.getAsDouble());
        return Duration.ofMillis(Math.min(capped + jitter, max.toMillis()));
    }

    /** After a successful connection: start again from {@code initial}. */
    public synchronized void reset() {
        attempt = 0;
    }
}
