package io.tcpchat.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The fanout scenario's browser-like receivers ({@code --web N}): WebSockets to the server's
 * web port, logged in beside the TCP clients before anyone sends, each expecting every
 * sender's messages. Their deliveries and latencies are reported apart from the TCP ones, so
 * one run shows what the WebSocket path costs next to CHAT/1 frames.
 */
final class WebReceivers {

    private final List<WebReceiver> receivers = new ArrayList<>();
    private final LongAdder delivered = new LongAdder();
    private final int count;
    private final int port;
    private final long expectedEach;

    WebReceivers(int count, int port, int senders, long messages) {
        this.count = count;
        this.port = port;
        this.expectedEach = senders * messages;
    }

    /** Connects and logs in all of them, as users {@code user(first) ...}; throws on the first failure. */
    void open(BenchSettings settings, int first, int senders, long messages, long origin, Deadline deadline)
            throws IOException {
        if (count == 0) {
            return;
        }
        // the JDK client's own thread pool would be shared by every socket's listener; one
        // virtual thread per task keeps a slow receiver from holding up the others
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        URI uri = URI.create("ws://" + hostLiteral(settings) + ":" + port + "/ws");
        for (int i = 0; i < count; i++) {
            WebReceiver r = new WebReceiver(settings.user(first + i), senders, messages, origin, delivered);
            receivers.add(r);
            try {
                r.open(http, uri, Duration.ofMillis(Math.max(1, deadline.remainingMillis())));
            } catch (Exception e) {
                throw new IOException("web receiver " + r.user + " at " + uri + ": " + e.getMessage(), e);
            }
        }
    }

    private static String hostLiteral(BenchSettings settings) {
        String host = settings.server().getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Waits until every receiver has every message, or the deadline. */
    void awaitComplete(Deadline deadline) {
        while (!deadline.passed() && !receivers.stream().allMatch(r -> r.complete || r.closed.isDone())) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    long delivered() {
        return delivered.sum();
    }

    long expected() {
        return expectedEach * count;
    }

    void close() {
        receivers.forEach(WebReceiver::close);
    }

    /** Adds the web figures; the rate counts from {@code start} (nanoTime) to the last web delivery. */
    void summarize(Report report, long start) {
        if (count == 0) {
            return;
        }
        LatencyStats latency = new LatencyStats();
        long distinct = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long last = start;
        for (WebReceiver r : receivers) {
            last = Math.max(last, r.lastDelivery);
            latency.add(r.latency);
            distinct += r.checker.distinct();
            duplicates += r.checker.duplicates();
            outOfOrder += r.checker.outOfOrder();
        }
        double seconds = start == 0 ? 0 : (last - start) / 1e9;
        LatencyStats.Summary l = latency.summary();
        long lost = expected() - distinct;
        report.add("web_receivers", "web receivers (WebSocket)", count)
                .add("web_expected_deliveries", "web expected deliveries", expected())
                .add("web_delivered", "web delivered", distinct)
                .add("web_lost", "web lost", lost)
                .add("web_deliveries_per_sec", "web delivery rate", seconds > 0 ? distinct / seconds : 0.0, "msgs/s")
                .add("web_latency_p50_us", "web latency p50", l.p50() / 1e3, "µs")
                .add("web_latency_p99_us", "web latency p99", l.p99() / 1e3, "µs")
                .add("web_latency_max_us", "web latency max", l.max() / 1e3, "µs");
        if (lost != 0) {
            report.problem(lost + " web deliveries lost");
        }
        if (duplicates != 0) {
            report.problem(duplicates + " web deliveries duplicated");
        }
        if (outOfOrder != 0) {
            report.problem(outOfOrder + " web deliveries out of order");
        }
    }
}
