package io.tcpchat.bench;

import java.util.Collection;

/**
 * The deliveries of a group of {@link BenchClient}s added up once the run is over: what
 * their checkers counted, their latencies, when the last delivery came. A run reports one
 * group ({@code fanout}) or several ({@code rooms}: the big room and the busy rooms), each
 * under its own key prefix.
 */
final class Tally {

    final LatencyStats latency = new LatencyStats();
    final LatencyStats sendLag = new LatencyStats();
    long distinct;
    long duplicates;
    long outOfOrder;
    long invalid;
    long lastDelivery;
    long lastAck;
    private final long start;

    /** @param start when sending began, 0 if it never did */
    Tally(Collection<BenchClient> clients, long start) {
        this.start = start;
        lastDelivery = start;
        lastAck = start;
        for (BenchClient client : clients) {
            latency.add(client.latency);
            sendLag.add(client.sendLag);
            distinct += client.checker.distinct();
            duplicates += client.checker.duplicates();
            outOfOrder += client.checker.outOfOrder();
            invalid += client.checker.invalid();
            lastDelivery = Math.max(lastDelivery, client.lastDelivery);
            lastAck = Math.max(lastAck, client.lastAck);
        }
    }

    /** From the start of sending to the last delivery. */
    double seconds() {
        return start == 0 ? 0 : (lastDelivery - start) / 1e9;
    }

    double ackSeconds() {
        return start == 0 ? 0 : (lastAck - start) / 1e9;
    }

    double deliveriesPerSecond() {
        double s = seconds();
        return s > 0 ? distinct / s : 0.0;
    }

    /**
     * Adds the group's delivery figures: expected, delivered, lost, duplicated, out of
     * order, duration, rate, and latency percentiles. {@code key} and {@code label} prefix
     * the report's keys and labels ("" for a run of one group).
     */
    void report(Report report, String key, String label, long expected, int size) {
        double seconds = seconds();
        LatencyStats.Summary l = latency.summary();
        report.add(key + "expected_deliveries", label + "expected deliveries", expected)
                .add(key + "delivered", label + "delivered", distinct)
                .add(key + "lost", label + "lost", expected - distinct)
                .add(key + "duplicated", label + "duplicated", duplicates)
                .add(key + "out_of_order", label + "out of order", outOfOrder)
                .add(key + "duration_s", label + "duration", seconds, "s")
                .add(key + "deliveries_per_sec", label + "delivery rate", deliveriesPerSecond(), "msgs/s")
                .add(key + "delivered_mib_per_sec", label + "delivered text",
                        seconds > 0 ? distinct * (double) size / seconds / (1024 * 1024) : 0.0, "MiB/s")
                .add(key + "latency_samples", label + "latency samples", l.count())
                .add(key + "latency_p50_us", label + "latency p50", l.p50() / 1e3, "µs")
                .add(key + "latency_p90_us", label + "latency p90", l.p90() / 1e3, "µs")
                .add(key + "latency_p99_us", label + "latency p99", l.p99() / 1e3, "µs")
                .add(key + "latency_max_us", label + "latency max", l.max() / 1e3, "µs")
                .add(key + "latency_mean_us", label + "latency mean", l.mean() / 1e3, "µs");
    }

    /** Adds the paced senders' lateness: when it is large, the latency figures measure the bench. */
    void reportSendLag(Report report, String key, String label) {
        LatencyStats.Summary g = sendLag.summary();
        report.add(key + "send_lag_p99_us", label + "send lag behind schedule p99", g.p99() / 1e3, "µs")
                .add(key + "send_lag_max_us", label + "send lag behind schedule max", g.max() / 1e3, "µs");
    }

    /** Fails the run for anything lost, duplicated, reordered or misnumbered in this group. */
    void problems(Report report, String label, long expected) {
        long lost = expected - distinct;
        if (lost != 0) {
            report.problem(label + lost + " deliveries lost");
        }
        if (duplicates != 0) {
            report.problem(label + duplicates + " deliveries duplicated");
        }
        if (outOfOrder != 0) {
            report.problem(label + outOfOrder + " deliveries out of order");
        }
        if (invalid != 0) {
            report.problem(label + invalid + " bench messages with a wrong sender or number");
        }
    }
}
