package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code fanout}: C logged-in clients, P of them sending M messages of S bytes; the server
 * delivers each to everyone else online and acks it to its sender.
 *
 * <p>Each connection has a reader thread that checks every sender's stream arrives complete,
 * once and in order ({@link OrderChecker}) and records latency from the send time written in
 * the text ({@link MessageText}). Each sender thread keeps at most {@code window} messages
 * unacked, so it never overruns its queue on the server, and writes pre-encoded frames,
 * flushing only when the window is full or the pacing makes it wait. When paced
 * ({@code --rate}), a message's send time is the time it was scheduled for, so latency
 * includes any time it spent waiting behind a stalled sender (no coordinated omission).
 *
 * <p>The end of a run is a barrier: once all acks are in and every receiver has its
 * messages, each connection sends {@code ping} and waits for its {@code pong}. The server
 * answers in order, so any duplicate still queued would arrive before the pong.
 */
final class FanoutScenario {

    static final String NAME = "fanout";
    private static final String DRAIN_REF = "bench-drain";

    /**
     * @param rate   total messages per second over all senders; 0 sends as fast as acks allow
     * @param window unacked messages a sender may have in flight
     * @param warmup the first messages of each sender, checked like all others but left out
     *               of the latency figures (JIT warm-up on both sides)
     */
    record Config(int clients, int senders, long messages, int size, double rate, int window, long warmup,
                  int web, int webPort) {

        static List<Options.Spec> specs() {
            return List.of(
                    Options.Spec.value("clients", "C", "10", "logged-in connections, senders included"),
                    Options.Spec.value("senders", "P", null, "connections that send (default: all clients)"),
                    Options.Spec.value("messages", "M", "1000", "messages each sender sends"),
                    Options.Spec.value("size", "S", "100",
                            "bytes of text per message (at least " + MessageText.HEADER_LENGTH + ")"),
                    Options.Spec.value("rate", "R", "0", "total messages per second over all senders, paced "
                            + "evenly; 0 = as fast as the window allows"),
                    Options.Spec.value("window", "W", "64", "unacked messages a sender may have in flight"),
                    Options.Spec.value("warmup", "n", "0", "first messages of each sender left out of the "
                            + "latency figures (still checked for loss and order)"),
                    Options.Spec.value("web", "N", "0", "browser-like receivers besides the clients: WebSockets to "
                            + "the server's web port, reported apart"),
                    Options.Spec.value("web-port", "port", "8081", "the server's web port (chat.web.port), for --web"));
        }

        static Config from(Options options) throws Options.UsageException {
            int clients = options.intIn("clients", 2, 1_000_000);
            int senders = options.has("senders") ? options.intIn("senders", 1, clients) : clients;
            if (senders > MessageText.MAX_SENDERS) {
                throw new Options.UsageException("at most " + MessageText.MAX_SENDERS + " senders");
            }
            long messages = options.longIn("messages", 1, 9_999_999_999L);
            int size = options.intIn("size", MessageText.HEADER_LENGTH, 1_000_000);
            double rate = options.doubleValue("rate");
            if (rate < 0) {
                throw new Options.UsageException("option --rate must not be negative");
            }
            int window = options.intIn("window", 1, 1_000_000);
            long warmup = options.longIn("warmup", 0, messages - 1);
            int web = options.intIn("web", 0, 100_000);
            int webPort = options.intIn("web-port", 1, 65535);
            return new Config(clients, senders, messages, size, rate, window, warmup, web, webPort);
        }

        long expectedDeliveries() {
            return (long) senders * messages * (clients - 1);
        }
    }

    private final BenchSettings settings;
    private final Config config;
    private final PrintStream err;
    private final EventCodec codec = new EventCodec();
    /** Send times in texts count from here, so they are never negative. */
    private final long origin = System.nanoTime();

    private final LongAdder loggedIn = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder misattributed = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Report report = new Report(NAME);
    private final WebReceivers web;
    private volatile boolean closing;
    private volatile long start;
    private double cpuAtStart = -1;
    private double cpuAtEnd = -1;

    FanoutScenario(BenchSettings settings, Config config, PrintStream err) {
        this.settings = settings;
        this.config = config;
        this.err = err;
        this.web = new WebReceivers(config.web(), config.webPort(), config.senders(), config.messages());
    }

    Report run() {
        Deadline deadline = Deadline.after(settings.timeout());
        report.add("clients", "clients", config.clients())
                .add("senders", "senders", config.senders())
                .add("messages_per_sender", "messages per sender", config.messages())
                .add("size_bytes", "message size", config.size(), "bytes")
                .add("window", "window", config.window())
                .add("rate", "rate (0 = unpaced)", config.rate(), "msgs/s")
                .add("warmup", "warm-up messages per sender", config.warmup());
        CountDownLatch sendersDone = new CountDownLatch(config.senders());
        CountDownLatch receiversDone = new CountDownLatch(config.clients());
        CountDownLatch drained = new CountDownLatch(config.clients());
        OnlineCheck online = new OnlineCheck(users());
        List<Client> clients = new ArrayList<>();
        String phase = "login";
        try (Progress progress = new Progress(NAME, err, !settings.quiet(), this::progressLine)) {
            List<BenchConnection> connections = Logins.openAll(settings, 0, config.clients(),
                    BenchConnection.Buffers.BUSY, codec, deadline, loggedIn);
            for (BenchConnection connection : connections) {
                clients.add(new Client(clients.size(), connection, sendersDone, receiversDone, drained,
                        clients.isEmpty() ? online : null));
            }
            int maxText = connections.getFirst().welcome().limits().maxText();
            if (config.size() > maxText) {
                throw new IOException("--size " + config.size() + " exceeds the server's maxText " + maxText);
            }
            clients.forEach(Client::startReading);
            phase = "waiting for every user to be online";
            online.await(clients.getFirst().connection, deadline);
            phase = "web logins";
            web.open(settings, config.clients(), config.senders(), config.messages(), origin, deadline);

            phase = "sending";
            cpuAtStart = ProcessCpu.seconds(settings.serverPid());
            start = System.nanoTime();
            clients.stream().filter(c -> c.window != null).forEach(Client::startSending);
            await(sendersDone, deadline);
            phase = "receiving";
            if (!errors.isEmpty() || clients.stream().anyMatch(c -> c.ended)) {
                // the run has failed already: give stragglers a moment, then count what is missing
                receiversDone.await(Math.max(0, deadline.within(Duration.ofSeconds(2)).remainingNanos()),
                        TimeUnit.NANOSECONDS);
            } else {
                await(receiversDone, deadline);
                web.awaitComplete(deadline);
                cpuAtEnd = ProcessCpu.seconds(settings.serverPid());
                phase = "draining";
                for (Client client : clients) {
                    client.connection.send(new ClientEvent.Ping(DRAIN_REF));
                }
                await(drained, deadline);
            }
        } catch (IOException e) {
            report.problem(phase + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.problem("interrupted while " + phase);
        } finally {
            web.close();
            closeAll(clients, deadline);
        }
        summarize(clients);
        return report;
    }

    private List<String> users() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            users.add(settings.user(i));
        }
        return users;
    }

    private static void await(CountDownLatch latch, Deadline deadline) throws IOException, InterruptedException {
        if (!latch.await(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
            throw new IOException("timed out (" + latch.getCount() + " connections not done)");
        }
    }

    private String progressLine() {
        if (start == 0) {
            return "logged in " + loggedIn.sum() + "/" + config.clients();
        }
        return String.format(Locale.ROOT, "sent %d/%d  acked %d  delivered %d/%d  errors %d",
                sent.sum(), (long) config.senders() * config.messages(), acked.sum(), delivered.sum(),
                config.expectedDeliveries(), errors.values().stream().mapToLong(LongAdder::sum).sum());
    }

    private void closeAll(List<Client> clients, Deadline deadline) {
        closing = true;
        clients.forEach(c -> c.connection.sendBye());
        // the server answers bye with a clean close; give the readers a moment to see it
        Deadline grace = deadline.within(Duration.ofSeconds(5));
        for (Client client : clients) {
            client.joinReader(grace);
        }
        clients.forEach(c -> c.connection.close());
        for (Client client : clients) {
            client.joinReader(deadline.within(Duration.ofSeconds(2)));
            client.joinSender(deadline.within(Duration.ofSeconds(2)));
        }
    }

    private void summarize(List<Client> clients) {
        LatencyStats latency = new LatencyStats();
        LatencyStats lag = new LatencyStats();
        long expected = config.expectedDeliveries();
        long distinct = 0;
        long duplicates = 0;
        long outOfOrder = 0;
        long invalid = 0;
        long lastDelivery = start;
        long lastAck = start;
        for (Client client : clients) {
            latency.add(client.latency);
            lag.add(client.sendLag);
            distinct += client.checker.distinct();
            duplicates += client.checker.duplicates();
            outOfOrder += client.checker.outOfOrder();
            invalid += client.checker.invalid();
            lastDelivery = Math.max(lastDelivery, client.lastDelivery);
            lastAck = Math.max(lastAck, client.lastAck);
        }
        long lost = expected - distinct;
        long totalErrors = errors.values().stream().mapToLong(LongAdder::sum).sum();
        double seconds = start == 0 ? 0 : (lastDelivery - start) / 1e9;
        double ackSeconds = start == 0 ? 0 : (lastAck - start) / 1e9;
        LatencyStats.Summary l = latency.summary();
        report.add("sent", "sent", sent.sum())
                .add("acked", "acked", acked.sum())
                .add("expected_deliveries", "expected deliveries", expected)
                .add("delivered", "delivered", distinct)
                .add("lost", "lost", lost)
                .add("duplicated", "duplicated", duplicates)
                .add("out_of_order", "out of order", outOfOrder)
                .add("errors", "errors", totalErrors)
                .add("duration_s", "duration", seconds, "s")
                .add("acked_per_sec", "ack rate", ackSeconds > 0 ? acked.sum() / ackSeconds : 0.0, "msgs/s")
                .add("deliveries_per_sec", "delivery rate", seconds > 0 ? distinct / seconds : 0.0, "msgs/s")
                .add("delivered_mib_per_sec", "delivered text", seconds > 0
                        ? distinct * (double) config.size() / seconds / (1024 * 1024) : 0.0, "MiB/s")
                .add("latency_samples", "latency samples", l.count())
                .add("latency_p50_us", "latency p50", l.p50() / 1e3, "µs")
                .add("latency_p90_us", "latency p90", l.p90() / 1e3, "µs")
                .add("latency_p99_us", "latency p99", l.p99() / 1e3, "µs")
                .add("latency_max_us", "latency max", l.max() / 1e3, "µs")
                .add("latency_mean_us", "latency mean", l.mean() / 1e3, "µs");
        web.summarize(report, start);
        if (cpuAtStart >= 0 && cpuAtEnd >= 0 && sent.sum() > 0) {
            // the server's own cost, whatever the bench (on the same cores) took
            double cpu = cpuAtEnd - cpuAtStart;
            report.add("server_cpu_s", "server CPU", cpu, "s")
                    .add("server_cpu_us_per_message", "server CPU per message received", cpu * 1e6 / sent.sum(), "µs")
                    .add("server_cpu_us_per_delivery", "server CPU per delivery (TCP and web)",
                            distinct + web.delivered() > 0 ? cpu * 1e6 / (distinct + web.delivered()) : 0.0, "µs");
        }
        if (config.rate() > 0) {
            // the bench's own lateness: when it is large, the figures above measure the bench
            LatencyStats.Summary g = lag.summary();
            report.add("send_lag_p99_us", "send lag behind schedule p99", g.p99() / 1e3, "µs")
                    .add("send_lag_max_us", "send lag behind schedule max", g.max() / 1e3, "µs");
        }
        if (lost != 0) {
            report.problem(lost + " deliveries lost");
        }
        if (duplicates != 0) {
            report.problem(duplicates + " deliveries duplicated");
        }
        if (outOfOrder != 0) {
            report.problem(outOfOrder + " deliveries out of order");
        }
        if (invalid + misattributed.sum() != 0) {
            report.problem((invalid + misattributed.sum()) + " bench messages with a wrong sender or number");
        }
        if (foreign.sum() != 0) {
            report.add("foreign", "other users' messages (ignored)", foreign.sum());
        }
        new TreeMap<>(errors).forEach((code, n) -> report.problem(n.sum() + " error events " + code
                + (code.equals("rate_limited") ? " (start the server with --chat.limits.rate=0, or lower --rate)"
                : "")));
        if (sent.sum() != acked.sum() + totalErrors && report.ok()) {
            report.problem((sent.sum() - acked.sum()) + " messages not acked");
        }
    }

    /** One connection: its reader and, for a sender, its sending loop. */
    private final class Client {

        final int index;
        final BenchConnection connection;
        final OrderChecker checker;
        final LatencyStats latency = new LatencyStats();
        /** How late this sender wrote each paced message (after the warm-up) past its scheduled time. */
        final LatencyStats sendLag = new LatencyStats();
        /** Unacked messages the sender may still send; {@code null} for a pure receiver. */
        final Semaphore window;
        private final CountDownLatch sendersDone;
        private final CountDownLatch receiversDone;
        private final CountDownLatch drained;
        private final OnlineCheck online;
        // owned by the reader thread; read by others only after it ended
        private long answered;
        private boolean sendDone;
        private boolean receiveDone;
        private boolean drainDone;
        volatile long lastDelivery;
        volatile long lastAck;
        volatile boolean ended;
        private Thread reader;
        private Thread sender;

        Client(int index, BenchConnection connection, CountDownLatch sendersDone, CountDownLatch receiversDone,
               CountDownLatch drained, OnlineCheck online) {
            this.index = index;
            this.connection = connection;
            this.checker = new OrderChecker(config.senders(), config.messages(),
                    index < config.senders() ? index : -1);
            this.window = index < config.senders() ? new Semaphore(config.window()) : null;
            this.sendersDone = sendersDone;
            this.receiversDone = receiversDone;
            this.drained = drained;
            this.online = online;
            this.sendDone = window == null;
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
                Frame frame;
                while ((frame = connection.read()) != null) {
                    if (frame instanceof Frame.Json json) {
                        DeliveredMessage.Fields fast = DeliveredMessage.parse(json.body());
                        if (fast != null) {
                            onMessage(fast.from(), fast.text());
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
                if (!closing) {
                    report.problem(connection.user() + ": " + why);
                    if (online != null) {
                        online.fail(new IOException(why));
                    }
                }
                // nothing more will come: release whoever waits on this connection
                if (!sendDone) {
                    sendDone = true;
                    sendersDone.countDown();
                }
                if (!receiveDone) {
                    receiveDone = true;
                    receiversDone.countDown();
                }
                if (!drainDone) {
                    drainDone = true;
                    drained.countDown();
                }
            }
        }

        private void handle(ServerEvent event) throws IOException {
            switch (event) {
                case ServerEvent.ChatMessage m -> onMessage(m);
                case ServerEvent.Ack a when window != null && a.file() == null && a.ref() == null -> {
                    acked.increment();
                    lastAck = System.nanoTime();
                    answered();
                }
                case ServerEvent.ErrorEvent e -> {
                    errors.computeIfAbsent(e.code(), k -> new LongAdder()).increment();
                    if (window != null && e.ref() == null) {
                        answered(); // a msg refused (no ref): it still frees its place
                    }
                }
                case ServerEvent.Pong p when DRAIN_REF.equals(p.ref()) -> {
                    if (!drainDone) {
                        drainDone = true;
                        drained.countDown();
                    }
                }
                case ServerEvent.Ping p -> connection.send(new ClientEvent.Pong(p.ref()));
                case ServerEvent.Bye b -> {
                    if (!closing) {
                        report.problem(connection.user() + ": server said bye (" + b.reason() + ")");
                    }
                }
                case ServerEvent.Users u when online != null -> online.offer(u);
                default -> {
                    // joined, left and the rest tell nothing about the run
                }
            }
        }

        private void onMessage(ServerEvent.ChatMessage m) {
            onMessage(m.from(), MessageText.parse(m.text()));
        }

        private void onMessage(String from, MessageText.Parsed text) {
            long now = System.nanoTime();
            if (text == null) {
                foreign.increment();
                return;
            }
            if (text.sender() >= config.senders() || !settings.user(text.sender()).equalsIgnoreCase(from)) {
                misattributed.increment();
                return;
            }
            OrderChecker.Outcome outcome = checker.record(text.sender(), text.seq());
            if (outcome == OrderChecker.Outcome.IN_ORDER || outcome == OrderChecker.Outcome.OUT_OF_ORDER) {
                delivered.increment();
                if (text.seq() > config.warmup()) {
                    latency.record(now - origin - text.sentNanos());
                }
                lastDelivery = now;
                if (!receiveDone && checker.complete()) {
                    receiveDone = true;
                    receiversDone.countDown();
                }
            }
        }

        /** An ack or an error for one of this sender's messages. */
        private void answered() {
            window.release();
            if (++answered == config.messages() && !sendDone) {
                sendDone = true;
                sendersDone.countDown();
            }
        }

        private void sendLoop() {
            MessageText.Template template = new MessageText.Template(codec, index, config.size());
            double interval = config.rate() > 0 ? 1e9 * config.senders() / config.rate() : 0;
            long first = start + (config.rate() > 0 ? (long) (1e9 * index / config.rate()) : 0);
            try {
                for (long seq = 1; seq <= config.messages(); seq++) {
                    if (!window.tryAcquire()) {
                        connection.flush();
                        while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                            if (closing || ended) {
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
                                if (closing) {
                                    return;
                                }
                                LockSupport.parkNanos(wait);
                            }
                        }
                    } else {
                        sentAt = System.nanoTime();
                    }
                    connection.write(template.frame(seq, sentAt - origin));
                    if (interval > 0 && seq > config.warmup()) {
                        sendLag.record(System.nanoTime() - sentAt);
                    }
                    sent.increment();
                }
                connection.flush();
            } catch (IOException e) {
                if (!closing) {
                    report.problem(connection.user() + ": sending failed: " + e);
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
}
