package io.tcpchat.client.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides when a failed reconnection attempt is worth a line on the screen: the first one, one
 * whose reason differs from the last one shown, and otherwise one per {@code quiet} period, so
 * a client that tries every few seconds does not fill the screen with "Still offline".
 * Not thread-safe: the one reconnection loop uses it.
 */
final class OfflineNotices {

    private final Clock clock;
    private final Duration quiet;
    private Instant lastShown;
    private String lastReason;

    OfflineNotices(Clock clock, Duration quiet) {
        this.clock = clock;
        this.quiet = quiet;
    }

    /** Whether a failure for {@code reason} is to be shown now; counts it as shown when so. */
    boolean due(String reason) {
        Instant now = clock.instant();
        boolean due = lastShown == null || !Objects.equals(reason, lastReason)
                || !now.isBefore(lastShown.plus(quiet));
        if (due) {
            lastShown = now;
            lastReason = reason;
        }
        return due;
    }

    /** Back online: the next drop is news again. */
    void reset() {
        lastShown = null;
        lastReason = null;
    }
}
