package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What the {@link BenchClient}s of one message run share (counters, the report, the
 * barriers) and the phases every such run goes through once its clients are logged in and
 * ready: send, receive, drain, close. Used by {@code fanout} and {@code rooms}.
 *
 * <p>The end of the receiving phase is a barrier: once all acks are in and every receiver
 * has its messages, each connection sends {@code ping} and waits for its {@code pong}. The
 * server answers in order, so any duplicate still queued would arrive before the pong.
 */
final class BenchRun {

    static final String DRAIN_REF = "bench-drain";

    final Report report;
    /** Send times in texts count from here, so they are never negative. */
    final long origin = System.nanoTime();
    final LongAdder loggedIn = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder delivered = new LongAdder();
    /** Deliveries whose text is not a bench text: someone else's messages, ignored. */
    final LongAdder others = new LongAdder();
    /** Bench messages that reached a client that should never have got them (another room's). */
    final LongAdder foreign = new LongAdder();
    /** Bench texts whose sender number or name does not match who sent them. */
    final LongAdder misattributed = new LongAdder();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    final CountDownLatch sendersDone;
    final CountDownLatch receiversDone;
    final CountDownLatch drained;
    volatile boolean closing;
    /** When sending began ({@link System#nanoTime()}), 0 before. */
    volatile long start;
    private double cpuAtStart = -1;
    private double cpuAtEnd = -1;

    BenchRun(Report report, int senders, int clients) {
        this.report = report;
        this.sendersDone = new CountDownLatch(senders);
        this.receiversDone = new CountDownLatch(clients);
        this.drained = new CountDownLatch(clients);
    }

    void error(String code) {
        errors.computeIfAbsent(code, k -> new LongAdder()).increment();
    }

    long errorCount() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Logs in and readies the clients of a run, adding each to the list as soon as it exists. */
    @FunctionalInterface
    interface Preparation {
        void prepare(List<BenchClient> clients, Consumer<String> phase) throws IOException, InterruptedException;
    }

    /**
     * The whole run: the scenario's preparation (logins, checks, waiting until everyone can
     * receive), then {@link #sendReceiveDrain}; a failure becomes a problem of the report
     * naming the phase it happened in. Every client is closed at the end, whatever happened.
     *
     * @return the clients, for the summary
     */
    List<BenchClient> execute(Preparation preparation, long serverPid, Deadline deadline) {
        List<BenchClient> clients = new ArrayList<>();
        String[] phase = {"login"};
        try {
            preparation.prepare(clients, p -> phase[0] = p);
            sendReceiveDrain(clients, serverPid, deadline, p -> phase[0] = p);
        } catch (IOException e) {
            report.problem(phase[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.problem("interrupted while " + phase[0]);
        } finally {
            closeAll(clients, deadline);
        }
        return clients;
    }

    /**
     * Starts every sender, waits for all acks and deliveries, then drains. The server's CPU
     * time is read at the start and once everything is delivered, before the drain.
     *
     * @param serverPid the server's process id, or 0
     * @param phase     told which phase is running, for the message of a failure
     */
    void sendReceiveDrain(List<BenchClient> clients, long serverPid, Deadline deadline,
                          Consumer<String> phase) throws IOException, InterruptedException {
        phase.accept("sending");
        cpuAtStart = ProcessCpu.seconds(serverPid);
        start = System.nanoTime();
        clients.stream().filter(BenchClient::sends).forEach(BenchClient::startSending);
        await(sendersDone, deadline);
        phase.accept("receiving");
        if (!errors.isEmpty() || clients.stream().anyMatch(BenchClient::ended)) {
            // the run has failed already: give stragglers a moment, then count what is missing
            receiversDone.await(Math.max(0, deadline.within(Duration.ofSeconds(2)).remainingNanos()),
                    TimeUnit.NANOSECONDS);
            return;
        }
        await(receiversDone, deadline);
        cpuAtEnd = ProcessCpu.seconds(serverPid);
        phase.accept("draining");
        for (BenchClient client : clients) {
            client.connection().send(new ClientEvent.Ping(DRAIN_REF));
        }
        await(drained, deadline);
    }

    /** The server's CPU seconds over the measured part of the run, or -1 when not known. */
    double serverCpuSeconds() {
        return cpuAtStart >= 0 && cpuAtEnd >= 0 ? cpuAtEnd - cpuAtStart : -1;
    }

    /**
     * Adds the server's CPU time per message received and per delivery, when
     * {@code --server-pid} was given: the server's own cost, whatever the bench (on the same
     * cores) took.
     */
    void reportCpu(long deliveries) {
        double cpu = serverCpuSeconds();
        if (cpu >= 0 && sent.sum() > 0) {
            report.add("server_cpu_s", "server CPU", cpu, "s")
                    .add("server_cpu_us_per_message", "server CPU per message received", cpu * 1e6 / sent.sum(), "µs")
                    .add("server_cpu_us_per_delivery", "server CPU per delivery",
                            deliveries > 0 ? cpu * 1e6 / deliveries : 0.0, "µs");
        }
    }

    /** Fails the run for misattributed texts, error events and messages never answered. */
    void problems() {
        if (misattributed.sum() != 0) {
            report.problem(misattributed.sum() + " bench messages with a wrong sender or number");
        }
        new TreeMap<>(errors).forEach((code, n) -> report.problem(n.sum() + " error events " + code
                + (code.equals("rate_limited") ? " (start the server with --chat.limits.rate=0, or lower --rate)"
                : "")));
        if (sent.sum() != acked.sum() + errorCount() && report.ok()) {
            report.problem((sent.sum() - acked.sum()) + " messages not acked");
        }
    }

    static void await(CountDownLatch latch, Deadline deadline) throws IOException, InterruptedException {
        if (!latch.await(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
            throw new IOException("timed out (" + latch.getCount() + " connections not done)");
        }
    }

    /** Says bye on every connection, gives the readers a moment to see the close, then closes. */
    void closeAll(List<BenchClient> clients, Deadline deadline) {
        closing = true;
        clients.forEach(c -> c.connection().sendBye());
        Deadline grace = deadline.within(Duration.ofSeconds(5));
        for (BenchClient client : clients) {
            client.joinReader(grace);
        }
        clients.forEach(c -> c.connection().close());
        for (BenchClient client : clients) {
            client.joinReader(deadline.within(Duration.ofSeconds(2)));
            client.joinSender(deadline.within(Duration.ofSeconds(2)));
        }
    }
}
