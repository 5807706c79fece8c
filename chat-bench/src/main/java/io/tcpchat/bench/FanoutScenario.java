package io.tcpchat.bench;

import io.tcpchat.protocol.EventCodec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code fanout}: C logged-in clients, P of them sending M messages of S bytes; the server
 * delivers each to everyone else online and acks it to its sender.
 *
 * <p>Each connection is a {@link BenchClient}: its reader checks every sender's stream
 * arrives complete, once and in order and records latency; each sender keeps at most
 * {@code window} messages unacked. The phases after login ({@link BenchRun}) end with a
 * ping barrier, so a duplicate still queued would be seen.
 */
final class FanoutScenario {

    static final String NAME = "fanout";

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
    private final Report report = new Report(NAME);
    private final BenchRun run;
    private final WebReceivers web;

    FanoutScenario(BenchSettings settings, Config config, PrintStream err) {
        this.settings = settings;
        this.config = config;
        this.err = err;
        this.run = new BenchRun(report, config.senders(), config.clients());
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
        OnlineCheck online = new OnlineCheck(users());
        List<BenchClient> clients;
        try (Progress progress = new Progress(NAME, err, !settings.quiet(), this::progressLine)) {
            clients = run.execute((opened, phase) -> {
                List<BenchConnection> connections = Logins.openAll(settings, 0, config.clients(),
                        BenchConnection.Buffers.BUSY, codec, deadline, run.loggedIn);
                for (BenchConnection connection : connections) {
                    opened.add(client(opened.size(), connection, opened.isEmpty() ? online : null));
                }
                int maxText = connections.getFirst().welcome().limits().maxText();
                if (config.size() > maxText) {
                    throw new IOException("--size " + config.size() + " exceeds the server's maxText " + maxText);
                }
                opened.forEach(BenchClient::startReading);
                phase.accept("waiting for every user to be online");
                online.await(opened.getFirst().connection(), deadline);
                phase.accept("web logins");
                web.open(settings, config.clients(), config.senders(), config.messages(), run.origin, deadline);
            }, settings.serverPid(), deadline);
            // the web receivers (if any) take the tail after the TCP ones: lost is what is missing then
            web.awaitComplete(deadline);
        } finally {
            web.close();
        }
        summarize(clients);
        return report;
    }

    /** Client {@code index}: a sender when among the first {@code senders}, else a receiver. */
    private BenchClient client(int index, BenchConnection connection, OnlineCheck online) {
        boolean sends = index < config.senders();
        double interval = config.rate() > 0 ? 1e9 * config.senders() / config.rate() : 0;
        long firstOffset = config.rate() > 0 ? (long) (1e9 * index / config.rate()) : 0;
        BenchClient.Plan plan = new BenchClient.Plan(index, null, config.messages(), config.size(),
                sends ? config.window() : 0, interval, firstOffset, config.warmup());
        OrderChecker checker = new OrderChecker(config.senders(), config.messages(), sends ? index : -1);
        return new BenchClient(run, index, connection, checker, this::stream, plan, online);
    }

    /** Everyone is in {@code #lobby}: the stream is the sender number, if the name matches it. */
    private int stream(String from, String room, MessageText.Parsed text) {
        if (text.sender() >= config.senders() || !settings.user(text.sender()).equalsIgnoreCase(from)) {
            return BenchClient.Audience.MISATTRIBUTED;
        }
        return text.sender();
    }

    private List<String> users() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            users.add(settings.user(i));
        }
        return users;
    }

    private String progressLine() {
        if (run.start == 0) {
            return "logged in " + run.loggedIn.sum() + "/" + config.clients();
        }
        return String.format(Locale.ROOT, "sent %d/%d  acked %d  delivered %d/%d  errors %d",
                run.sent.sum(), (long) config.senders() * config.messages(), run.acked.sum(), run.delivered.sum(),
                config.expectedDeliveries(), run.errorCount());
    }

    private void summarize(List<BenchClient> clients) {
        Tally tally = new Tally(clients, run.start);
        double ackSeconds = tally.ackSeconds();
        report.add("sent", "sent", run.sent.sum())
                .add("acked", "acked", run.acked.sum())
                .add("errors", "errors", run.errorCount())
                .add("acked_per_sec", "ack rate", ackSeconds > 0 ? run.acked.sum() / ackSeconds : 0.0, "msgs/s");
        tally.report(report, "", "", config.expectedDeliveries(), config.size());
        web.summarize(report, run.start);
        run.reportCpu(tally.distinct + web.delivered()); // the web deliveries cost the server too
        if (config.rate() > 0) {
            tally.reportSendLag(report, "", "");
        }
        if (run.others.sum() != 0) {
            report.add("foreign", "other users' messages (ignored)", run.others.sum());
        }
        tally.problems(report, "", config.expectedDeliveries());
        run.problems();
    }
}
