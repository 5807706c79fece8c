package io.tcpchat.server.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * How many rooms each user may still create: a token bucket per user of {@code burst} tokens,
 * refilled at {@code perHour}. Kept by the gate alone (its thread), in memory: a restart
 * refills it, an accepted bound.
 */
final class CreationBudget {

    private record Bucket(double tokens, Instant at) {
    }

    private final int perHour;
    private final int burst;
    private final Map<String, Bucket> buckets = new HashMap<>();

    CreationBudget(int perHour, int burst) {
        this.perHour = perHour;
        this.burst = burst;
    }

    /** Takes a token for {@code userKey} if there is one; 0 per hour means no limit. */
    boolean tryTake(String userKey, Instant now) {
        if (perHour <= 0) {
            return true;
        }
        Bucket b = buckets.get(userKey);
        double tokens = burst;
        if (b != null) {
            double hours = Duration.between(b.at(), now).toMillis() / 3_600_000.0;
            tokens = Math.min(burst, b.tokens() + Math.max(0, hours) * perHour);
        }
        if (tokens < 1) {
            buckets.put(userKey, new Bucket(tokens, now));
            return false;
        }
        if (tokens - 1 >= burst - 1e-9 && buckets.size() > 100_000) {
            buckets.clear(); // full buckets carry no information: let them go when the map grows
        }
        buckets.put(userKey, new Bucket(tokens - 1, now));
        return true;
    }
}
