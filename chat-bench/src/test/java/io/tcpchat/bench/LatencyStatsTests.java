package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

class LatencyStatsTests {

    private static final long MICRO = 1_000;

    @Test
    void percentilesOfAUniformSpreadAreWithinAThousandth() {
        LatencyStats stats = new LatencyStats();
        for (long us = 1; us <= 10_000; us++) {
            stats.record(us * MICRO);
        }
        LatencyStats.Summary s = stats.summary();
        assertThat(s.count()).isEqualTo(10_000);
        assertThat(s.p50()).isCloseTo(5_000 * MICRO, withPercentage(0.1));
        assertThat(s.p90()).isCloseTo(9_000 * MICRO, withPercentage(0.1));
        assertThat(s.p99()).isCloseTo(9_900 * MICRO, withPercentage(0.1));
        assertThat(s.max()).isCloseTo(10_000 * MICRO, withPercentage(0.1));
        assertThat(s.mean()).isCloseTo(5_000.5 * MICRO, within(10.0 * MICRO));
    }

    @Test
    void aFewSlowOnesShowOnlyInTheTail() {
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 990; i++) {
            stats.record(100 * MICRO);
        }
        for (int i = 0; i < 10; i++) {
            stats.record(TimeUnit.SECONDS.toNanos(2));
        }
        LatencyStats.Summary s = stats.summary();
        assertThat(s.p50()).isCloseTo(100 * MICRO, withPercentage(0.1));
        assertThat(s.p90()).isCloseTo(100 * MICRO, withPercentage(0.1));
        assertThat(s.p99()).isCloseTo(100 * MICRO, withPercentage(0.1));
        assertThat(s.max()).isCloseTo(TimeUnit.SECONDS.toNanos(2), withPercentage(0.1));
    }

    @Test
    void statsFromSeveralThreadsAddUp() {
        LatencyStats a = new LatencyStats();
        LatencyStats b = new LatencyStats();
        for (long us = 1; us <= 500; us++) {
            a.record(us * MICRO);
            b.record((us + 500) * MICRO);
        }
        a.add(b);
        assertThat(a.count()).isEqualTo(1000);
        assertThat(a.summary().p50()).isCloseTo(500 * MICRO, withPercentage(0.1));
        assertThat(a.summary().max()).isCloseTo(1000 * MICRO, withPercentage(0.1));
    }

    @Test
    void outOfRangeValuesAreClampedNotRefused() {
        LatencyStats stats = new LatencyStats();
        stats.record(-5);
        stats.record(TimeUnit.DAYS.toNanos(2));
        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.summary().max()).isCloseTo(LatencyStats.HIGHEST_NANOS, withPercentage(0.1));
    }

    @Test
    void nothingRecordedGivesZeros() {
        assertThat(new LatencyStats().summary()).isEqualTo(new LatencyStats.Summary(0, 0, 0, 0, 0, 0));
    }
}
