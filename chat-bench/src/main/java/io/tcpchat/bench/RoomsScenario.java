package io.tcpchat.bench;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.RoomNames;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code rooms}: fan-out in one big room of B members beside R busy rooms of K members
 * each. Every client logs in rooms-aware ({@code hello} with {@code features:["rooms"]}),
 * joins its room, and sends its messages to that room: M each in the big room, the busy
 * rooms' members their own number, paced or as fast as the window allows.
 *
 * <p>Each member must get every other member's messages of its room exactly once and in
 * order, and nothing of any other room: a bench message of another room is a
 * <em>foreign</em> delivery and fails the run ({@link RoomLayout#audience}). The big room's
 * figures are reported apart from the busy rooms', so they compare with {@code fanout}'s
 * B × B figure on the same server.
 */
final class RoomsScenario {

    static final String NAME = "rooms";
    private static final List<String> FEATURES = List.of(RoomNames.FEATURE);

    /**
     * @param rate     total messages per second over the big room's members; 0 = unpaced
     * @param busyRate total messages per second over all busy rooms' members; 0 = unpaced
     */
    record Config(int bigMembers, int rooms, int roomMembers, long messages, long busyMessages, int size, double rate,
                  double busyRate, int window, long warmup) {

        static List<Options.Spec> specs() {
            return List.of(
                    Options.Spec.value("big", "B", "50", "members of the big room, all sending"),
                    Options.Spec.value("rooms", "R", "20", "busy rooms beside the big one"),
                    Options.Spec.value("room-members", "K", "10", "members of each busy room, all sending"),
                    Options.Spec.value("messages", "M", "1000", "messages each big-room member sends"),
                    Options.Spec.value("busy-messages", "N", null,
                            "messages each busy-room member sends (default: M)"),
                    Options.Spec.value("size", "S", "100",
                            "bytes of text per message (at least " + MessageText.HEADER_LENGTH + ")"),
                    Options.Spec.value("rate", "R", "0",
                            "total messages per second in the big room, paced evenly; 0 = as fast as the window allows"),
                    Options.Spec.value("busy-rate", "R", "0",
                            "total messages per second over all busy rooms; 0 = as fast as the window allows"),
                    Options.Spec.value("window", "W", "64", "unacked messages a sender may have in flight"),
                    Options.Spec.value("warmup", "n", "0", "first messages of each sender left out of the "
                            + "latency figures (still checked for loss and order)"));
        }

        static Config from(Options options) throws Options.UsageException {
            int big = options.intIn("big", 2, 100_000);
            int rooms = options.intIn("rooms", 0, 999);
            int members = options.intIn("room-members", 2, 100_000);
            if (big + (long) rooms * members > MessageText.MAX_SENDERS) {
                throw new Options.UsageException("at most " + MessageText.MAX_SENDERS + " clients in all");
            }
            long messages = options.longIn("messages", 1, 9_999_999_999L);
            long busyMessages = options.has("busy-messages")
                    ? options.longIn("busy-messages", 1, 9_999_999_999L) : messages;
            int size = options.intIn("size", MessageText.HEADER_LENGTH, 1_000_000);
            double rate = options.doubleValue("rate");
            double busyRate = options.doubleValue("busy-rate");
            if (rate < 0 || busyRate < 0) {
                throw new Options.UsageException("options --rate and --busy-rate must not be negative");
            }
            int window = options.intIn("window", 1, 1_000_000);
            long warmup = options.longIn("warmup", 0, Math.min(messages, busyMessages) - 1);
            return new Config(big, rooms, members, messages, busyMessages, size, rate, busyRate, window, warmup);
        }

        int clients() {
            return bigMembers + rooms * roomMembers;
        }

        long bigDeliveries() {
            return (long) bigMembers * messages * (bigMembers - 1);
        }

        long busyDeliveries() {
            return (long) rooms * roomMembers * busyMessages * (roomMembers - 1);
        }
    }

    private final BenchSettings settings;
    private final Config config;
    private final PrintStream err;
    private final EventCodec codec = new EventCodec();
    private final Report report = new Report(NAME);
    private final BenchRun run;
    private final RoomLayout layout;
    private final LongAdder joined = new LongAdder();

    RoomsScenario(BenchSettings settings, Config config, PrintStream err) {
        this.settings = settings;
        this.config = config;
        this.err = err;
        this.run = new BenchRun(report, config.clients(), config.clients());
        // the user prefix makes the room names as well as the user names this run's own
        this.layout = new RoomLayout(config.bigMembers(), config.rooms(), config.roomMembers(),
                settings.userPrefix(), settings::user);
    }

    Report run() {
        Deadline deadline = Deadline.after(settings.timeout());
        report.add("big_room_members", "big room members", config.bigMembers())
                .add("busy_rooms", "busy rooms", config.rooms())
                .add("busy_room_members", "members per busy room", config.roomMembers())
                .add("messages_per_sender", "messages per big-room sender", config.messages())
                .add("busy_messages_per_sender", "messages per busy-room sender", config.busyMessages())
                .add("size_bytes", "message size", config.size(), "bytes")
                .add("window", "window", config.window())
                .add("rate", "big room rate (0 = unpaced)", config.rate(), "msgs/s")
                .add("busy_rate", "busy rooms' rate (0 = unpaced)", config.busyRate(), "msgs/s")
                .add("warmup", "warm-up messages per sender", config.warmup())
                .add("big_room", "big room", layout.name(0));
        List<BenchClient> clients;
        try (Progress progress = new Progress(NAME, err, !settings.quiet(), this::progressLine)) {
            clients = run.execute((opened, phase) -> {
                List<BenchConnection> connections = Logins.openAll(settings, 0, config.clients(),
                        BenchConnection.Buffers.BUSY, codec, deadline, run.loggedIn, FEATURES);
                for (BenchConnection connection : connections) {
                    opened.add(client(opened.size(), connection));
                }
                check(connections.getFirst());
                phase.accept("joining rooms");
                RoomJoins.joinAll(connections, i -> layout.name(layout.roomOf(i)), deadline, joined);
                opened.forEach(BenchClient::startReading);
            }, settings.serverPid(), deadline);
        }
        summarize(clients);
        return report;
    }

    private void check(BenchConnection connection) throws IOException {
        if (!connection.welcome().has(RoomNames.FEATURE)) {
            throw new IOException("the server's welcome does not list the rooms feature: it has no rooms");
        }
        int maxText = connection.welcome().limits().maxText();
        if (config.size() > maxText) {
            throw new IOException("--size " + config.size() + " exceeds the server's maxText " + maxText);
        }
    }

    private BenchClient client(int index, BenchConnection connection) {
        int room = layout.roomOf(index);
        int local = layout.localIndex(index);
        boolean big = room == 0;
        double rate = big ? config.rate() : config.busyRate();
        int senders = big ? config.bigMembers() : config.rooms() * config.roomMembers();
        int paceIndex = big ? index : index - config.bigMembers();
        long messages = big ? config.messages() : config.busyMessages();
        BenchClient.Plan plan = new BenchClient.Plan(index, layout.name(room), messages, config.size(),
                config.window(), rate > 0 ? 1e9 * senders / rate : 0, rate > 0 ? (long) (1e9 * paceIndex / rate) : 0,
                config.warmup());
        OrderChecker checker = new OrderChecker(layout.sizeOf(room), messages, local);
        return new BenchClient(run, index, connection, checker, layout.audience(index), plan, null);
    }

    private String progressLine() {
        if (run.start == 0) {
            return "logged in " + run.loggedIn.sum() + "/" + config.clients() + "  joined " + joined.sum();
        }
        return String.format(Locale.ROOT, "sent %d  acked %d  delivered %d/%d  foreign %d  errors %d",
                run.sent.sum(), run.acked.sum(), run.delivered.sum(),
                config.bigDeliveries() + config.busyDeliveries(), run.foreign.sum(), run.errorCount());
    }

    private void summarize(List<BenchClient> clients) {
        List<BenchClient> big = clients.stream().limit(config.bigMembers()).toList();
        List<BenchClient> busy = clients.stream().skip(config.bigMembers()).toList();
        Tally bigTally = new Tally(big, run.start);
        Tally busyTally = new Tally(busy, run.start);
        Tally all = new Tally(clients, run.start);
        report.add("sent", "sent", run.sent.sum())
                .add("acked", "acked", run.acked.sum())
                .add("errors", "errors", run.errorCount())
                .add("foreign_deliveries", "deliveries of another room's messages", run.foreign.sum())
                .add("delivered", "delivered, all rooms", all.distinct)
                .add("deliveries_per_sec", "delivery rate, all rooms", all.deliveriesPerSecond(), "msgs/s");
        bigTally.report(report, "big_", "big room: ", config.bigDeliveries(), config.size());
        busyTally.report(report, "busy_", "busy rooms: ", config.busyDeliveries(), config.size());
        run.reportCpu(all.distinct);
        if (config.rate() > 0) {
            bigTally.reportSendLag(report, "big_", "big room: ");
        }
        if (config.busyRate() > 0) {
            busyTally.reportSendLag(report, "busy_", "busy rooms: ");
        }
        if (run.others.sum() != 0) {
            report.add("others", "other users' messages (ignored)", run.others.sum());
        }
        if (run.foreign.sum() != 0) {
            report.problem(run.foreign.sum() + " deliveries of messages from another room (must be 0)");
        }
        bigTally.problems(report, "big room: ", config.bigDeliveries());
        busyTally.problems(report, "busy rooms: ", config.busyDeliveries());
        run.problems();
    }
}
