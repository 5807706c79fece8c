package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One connection of a message run ({@code fanout}, {@code rooms}): its reader and, for a
 * sender, its sending loop.
 *
 * <p>The reader checks every sender's stream arrives complete, once and in order
 * ({@link OrderChecker}) and records latency from the send time written in the text
 * ({@link MessageText}); an {@link Audience} says which stream of the checker a delivery
 * belongs to, or that it should not have come at all. The sender keeps at most
 * {@code window} messages unacked, so it never overruns its queue on the server, and writes
 * pre-encoded frames, flushing only when the window is full or the pacing makes it wait.
 * When paced, a message's send time is the time it was scheduled for, so latency includes
 * any time it spent waiting behind a stalled sender (no coordinated omission).
 */
final class BenchClient {

    /** Which of a receiver's streams a delivered bench message belongs to. */
    interface Audience {
        /** The delivery is a bench message this receiver must never get (another room's). */
        int FOREIGN = -1;
        /** The text names a sender that did not send it. */
        int MISATTRIBUTED = -2;

        /**
         * The sender's index in this receiver's {@link OrderChecker}, or {@link #FOREIGN} or
         * {@link #MISATTRIBUTED}.
         *
         * @param room the delivery's {@code room}, {@code null} for {@code #lobby}
         */
        int stream(String from, String room, MessageText.Parsed text);
    }

    /**
     * What one client sends: {@code messages} of {@code size} bytes as bench sender
     * {@code textSender} to {@code room} ({@code null}: {@code #lobby}), at most
     * {@code window} unacked (0: a pure receiver), one every {@code intervalNanos} from
     * {@code firstOffsetNanos} after the start (0: unpaced); the first {@code warmup} are
     * left out of the latency figures.
     */
    record Plan(int textSender, String room, long messages, int size, int window, double intervalNanos,
                long firstOffsetNanos, long warmup) {
    }

    private final BenchRun run;
    private final int index;
    private final BenchConnection connection;
    final OrderChecker checker;
    private final Audience audience;
    private final Plan plan;
    final LatencyStats latency = new LatencyStats();
    /** How late this sender wrote each paced message (after the warm-up) past its scheduled time. */
    final LatencyStats sendLag = new LatencyStats();
    /** Unacked messages the sender may still send; {@code null} for a pure receiver. */
    private final Semaphore window;
    private final OnlineCheck online;
    // owned by the reader thread; read by others only after it ended
    private long answered;
    private boolean sendDone;
    private boolean receiveDone;
    private boolean drainDone;
    volatile long lastDelivery;
    volatile long lastAck;
    private volatile boolean ended;
    private Thread reader;
    private Thread sender;

    /** @param online the check to hand {@code who} answers to, or {@code null} */
    BenchClient(BenchRun run, int index, BenchConnection connection, OrderChecker checker, Audience audience,
                Plan plan, OnlineCheck online) {
        this.run = run;
        this.index = index;
        this.connection = connection;
        this.checker = checker;
        this.audience = audience;
        this.plan = plan;
        this.window = plan.window() > 0 ? new Semaphore(plan.window()) : null;
        this.online = online;
        this.sendDone = window == null;
    }

    BenchConnection connection() {
        return connection;
    }

    boolean sends() {
        return window != null;
    }

    boolean ended() {
        return ended;
    }

    void startReading() {
        reader = Thread.ofVirtual().name("read-" + index).start(this::readLoop);
    }

    void startSending() {
        sender = Thread.ofVirtual().name("send-" + index).start(this::sendLoop);
    }

    private void readLoop() {
        String why = "connection closed by the server";
        try {
            if (checker.complete()) {
                receiveDone = true; // nothing to expect (a room of one)
                run.receiversDone.countDown();
            }
            Frame frame;
            while ((frame = connection.read()) != null) {
                if (frame instanceof Frame.Json json) {
                    DeliveredMessage.Fields fast = DeliveredMessage.parse(json.body());
                    if (fast != null) {
                        onMessage(fast.from(), fast.room(), fast.text());
                        continue;
                    }
                    ServerEvent event = connection.decode(json);
                    if (event != null) {
                        handle(event);
                    }
                } else {
                    why = "unexpected D frame";
                    break;
                }
            }
        } catch (IOException e) {
            why = e.toString();
        } finally {
            ended = true;
            if (!run.closing) {
                run.report.problem(connection.user() + ": " + why);
                if (online != null) {
                    online.fail(new IOException(why));
                }
            }
            // nothing more will come: release whoever waits on this connection
            if (!sendDone) {
                sendDone = true;
                run.sendersDone.countDown();
            }
            if (!receiveDone) {
                receiveDone = true;
                run.receiversDone.countDown();
            }
            if (!drainDone) {
                drainDone = true;
                run.drained.countDown();
            }
        }
    }

    private void handle(ServerEvent event) throws IOException {
        switch (event) {
            case ServerEvent.ChatMessage m -> onMessage(m.from(), m.room(), MessageText.parse(m.text()));
            case ServerEvent.Ack a when window != null && a.file() == null && a.ref() == null -> {
                run.acked.increment();
                lastAck = System.nanoTime();
                answered();
            }
            case ServerEvent.ErrorEvent e -> {
                run.error(e.code());
                if (window != null && e.ref() == null) {
                    answered(); // a msg refused (no ref): it still frees its place
                }
            }
            case ServerEvent.Pong p when BenchRun.DRAIN_REF.equals(p.ref()) -> {
                if (!drainDone) {
                    drainDone = true;
                    run.drained.countDown();
                }
            }
            case ServerEvent.Ping p -> connection.send(new ClientEvent.Pong(p.ref()));
            case ServerEvent.Bye b -> {
                if (!run.closing) {
                    run.report.problem(connection.user() + ": server said bye (" + b.reason() + ")");
                }
            }
            case ServerEvent.Users u when online != null -> online.offer(u);
            default -> {
                // joined, left, room events and the rest tell nothing about the run
            }
        }
    }

    private void onMessage(String from, String room, MessageText.Parsed text) {
        long now = System.nanoTime();
        if (text == null) {
            run.others.increment();
            return;
        }
        int stream = audience.stream(from, room, text);
        if (stream == Audience.FOREIGN) {
            run.foreign.increment();
            return;
        }
        if (stream < 0) {
            run.misattributed.increment();
            return;
        }
        OrderChecker.Outcome outcome = checker.record(stream, text.seq());
        if (outcome == OrderChecker.Outcome.IN_ORDER || outcome == OrderChecker.Outcome.OUT_OF_ORDER) {
            run.delivered.increment();
            if (text.seq() > plan.warmup()) {
                latency.record(now - run.origin - text.sentNanos());
            }
            lastDelivery = now;
            if (!receiveDone && checker.complete()) {
                receiveDone = true;
                run.receiversDone.countDown();
            }
        }
    }

    /** An ack or an error for one of this sender's messages. */
    private void answered() {
        window.release();
        if (++answered == plan.messages() && !sendDone) {
            sendDone = true;
            run.sendersDone.countDown();
        }
    }

    private void sendLoop() {
        MessageText.Template template = new MessageText.Template(connection.codec(), plan.textSender(), plan.size(),
                plan.room());
        double interval = plan.intervalNanos();
        long first = run.start + plan.firstOffsetNanos();
        try {
            for (long seq = 1; seq <= plan.messages(); seq++) {
                if (!window.tryAcquire()) {
                    connection.flush();
                    while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        if (run.closing || ended) {
                            return;
                        }
                    }
                }
                long sentAt;
                if (interval > 0) {
                    sentAt = first + (long) ((seq - 1) * interval);
                    if (sentAt - System.nanoTime() > 0) {
                        connection.flush();
                        long wait;
                        while ((wait = sentAt - System.nanoTime()) > 0) {
                            if (run.closing) {
                                return;
                            }
                            LockSupport.parkNanos(wait);
                        }
                    }
                } else {
                    sentAt = System.nanoTime();
                }
                connection.write(template.frame(seq, sentAt - run.origin));
                if (interval > 0 && seq > plan.warmup()) {
                    sendLag.record(System.nanoTime() - sentAt);
                }
                run.sent.increment();
            }
            connection.flush();
        } catch (IOException e) {
            if (!run.closing) {
                run.report.problem(connection.user() + ": sending failed: " + e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void joinReader(Deadline deadline) {
        join(reader, deadline);
    }

    void joinSender(Deadline deadline) {
        join(sender, deadline);
    }

    private static void join(Thread thread, Deadline deadline) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(Duration.ofNanos(Math.max(1_000_000, deadline.remainingNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
