package io.tcpchat.bench;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

import java.util.concurrent.TimeUnit;

/**
 * Latencies in nanoseconds, kept in an HdrHistogram with three significant digits (each
 * figure is within 0.1% of the true one, rounded up) from 1 ns to one hour; longer values
 * count as one hour, negative ones as zero. Not thread-safe: each recording thread keeps its
 * own and they are {@link #add added} at the end.
 */
final class LatencyStats {

    static final long LOWEST_NANOS = 1;
    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

    /** Percentiles of what was recorded, in nanoseconds; all zero when nothing was. */
    record Summary(long count, long p50, long p90, long p99, long max, double mean) {
    }

    private final AbstractHistogram histogram = new IntCountsHistogram(LOWEST_NANOS, HIGHEST_NANOS, 3);

    void record(long nanos) {
        histogram.recordValue(Math.clamp(nanos, 0, HIGHEST_NANOS));
    }

    void add(LatencyStats other) {
        histogram.add(other.histogram);
    }

    long count() {
        return histogram.getTotalCount();
    }

    Summary summary() {
        if (histogram.getTotalCount() == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        return new Summary(histogram.getTotalCount(), histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99), histogram.getMaxValue(),
                histogram.getMean());
    }
}
