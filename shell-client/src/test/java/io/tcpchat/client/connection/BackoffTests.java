package io.tcpchat.client.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

    @Test
    void doublesUpToTheCapAndStartsOverAfterSuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), () -> 1.0);
        assertThat(schedule(backoff, 6)).containsExactly(500L, 1000L, 2000L, 4000L, 4000L, 4000L);
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterTakesUpToHalfAwayAlsoAtTheCap() {
        Backoff low = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> 0.0);
        assertThat(schedule(low, 6)).containsExactly(250L, 500L, 1000L, 2000L, 2500L, 2500L);
        Backoff mid = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), () -> 0.5);
        assertThat(schedule(mid, 6)).containsExactly(375L, 750L, 1500L, 3000L, 3750L, 3750L);
    }

    @Test
    void theDefaultCapFindsAServerThatIsBackWithinFiveSeconds() {
        ConnectionSettings defaults = ConnectionSettings.of("h", 1, "u", null, true);
        Backoff backoff = new Backoff(defaults.backoffInitial(), defaults.backoffMax(), new Random(42)::nextDouble);
        List<Long> waits = schedule(backoff, 200);
        assertThat(waits).allSatisfy(w -> assertThat(w).isBetween(250L, 5000L));
        // clients dropped together spread out: at the cap the waits differ
        assertThat(waits.subList(100, 200).stream().distinct().count()).isGreaterThan(50);
    }

    private static List<Long> schedule(Backoff backoff, int n) {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            waits.add(backoff.next().toMillis());
        }
        return waits;
    }
}
