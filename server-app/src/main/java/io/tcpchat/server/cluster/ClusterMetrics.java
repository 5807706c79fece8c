package io.tcpchat.server.cluster;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * The cluster's meters (docs/operations.md lists them as Prometheus shows them): how far the tail
 * is behind the log, how old the other replicas' heartbeats are, and how long a batch waits for
 * its numbers (the counter row's lock: the cost of one order across replicas).
 */
final class ClusterMetrics {

    private final Timer assign;

    ClusterMetrics(MeterRegistry registry, Tail tail, NodeHeartbeat heartbeat) {
        Gauge.builder("chat.cluster.tail.lag.events", tail, Tail::lagEvents)
                .description("events stored (by any replica) but not yet delivered by this one").register(registry);
        Gauge.builder("chat.cluster.tail.lag", tail, t -> t.lagMillis() / 1000.0).baseUnit("seconds")
                .description("how long this replica's tail has been behind the log").register(registry);
        Gauge.builder("chat.cluster.heartbeat.age.max", heartbeat,
                        h -> h.others().values().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0)
                .baseUnit("seconds").description("age of the oldest heartbeat of the other replicas").register(registry);
        Gauge.builder("chat.cluster.nodes.others", heartbeat, h -> h.others().size())
                .description("other replicas with a heartbeat row").register(registry);
        this.assign = Timer.builder("chat.cluster.seq.assign")
                .description("time a batch waits for its seq numbers (the counter row's lock)")
                .publishPercentileHistogram().register(registry);
    }

    void assigned(long nanos) {
        assign.record(nanos, TimeUnit.NANOSECONDS);
    }
}
