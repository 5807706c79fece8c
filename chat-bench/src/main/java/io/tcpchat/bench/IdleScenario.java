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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code idle}: N logged-in connections that do nothing for {@code --hold} seconds but
 * answer the server's {@code ping} (and, with {@code --keepalive}, ping it now and then).
 * With {@code --server-pid} it reads the server's resident memory before the logins, after
 * them and at the end of the hold, and reports the growth per connection. A connection the
 * server closes during the hold fails the run.
 *
 * <p>Each connection has a reader thread with small buffers, so thousands of them cost the
 * bench little.
 */
final class IdleScenario {

    static final String NAME = "idle";
    private static final String KEEPALIVE_REF = "bench-keepalive";

    /**
     * @param serverPid the server's process id (the common {@code --server-pid}), or -1 for no memory figures
     * @param keepalive seconds between our pings; zero sends none
     */
    record Config(int clients, Duration hold, long serverPid, Duration keepalive) {

        static List<Options.Spec> specs() {
            return List.of(
                    Options.Spec.value("clients", "N", "100", "idle connections to hold"),
                    Options.Spec.value("hold", "seconds", "30", "how long to hold them once all are logged in"),
                    Options.Spec.value("keepalive", "seconds", "0",
                            "ping the server this often from every connection; 0 = never (server idleTimeout: 120 s)"));
        }

        static Config from(Options options, BenchSettings settings) throws Options.UsageException {
            int clients = options.intIn("clients", 1, 1_000_000);
            long hold = options.longIn("hold", 0, 7 * 24 * 3600);
            if (hold >= settings.timeout().toSeconds()) {
                throw new Options.UsageException("--hold " + hold + " must be shorter than --timeout "
                        + settings.timeout().toSeconds());
            }
            long pid = settings.serverPid() > 0 ? settings.serverPid() : -1;
            long keepalive = options.longIn("keepalive", 0, 3600);
            return new Config(clients, Duration.ofSeconds(hold), pid, Duration.ofSeconds(keepalive));
        }
    }

    private final BenchSettings settings;
    private final Config config;
    private final PrintStream err;
    private final EventCodec codec = new EventCodec();
    private final Report report = new Report(NAME);
    private final LongAdder loggedIn = new LongAdder();
    private final LongAdder pingsAnswered = new LongAdder();
    private final LongAdder keepalivesSent = new LongAdder();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile boolean closing;
    private volatile String phase = "login";

    IdleScenario(BenchSettings settings, Config config, PrintStream err) {
        this.settings = settings;
        this.config = config;
        this.err = err;
    }

    Report run() {
        Deadline deadline = Deadline.after(settings.timeout());
        report.add("clients", "connections", config.clients())
                .add("hold_s", "hold", config.hold().toSeconds(), "s");
        List<BenchConnection> connections = List.of();
        List<Thread> readers = new ArrayList<>();
        long rssBefore = rss("before the logins");
        long rssLoggedIn = -1;
        long rssEnd = -1;
        try (Progress progress = new Progress(NAME, err, !settings.quiet(), this::progressLine)) {
            long loginStart = System.nanoTime();
            connections = Logins.openAll(settings, 0, config.clients(), BenchConnection.Buffers.IDLE, codec,
                    deadline, loggedIn);
            double loginSeconds = (System.nanoTime() - loginStart) / 1e9;
            report.add("login_s", "all logged in after", loginSeconds, "s")
                    .add("logins_per_sec", "logins", loginSeconds > 0 ? config.clients() / loginSeconds : 0.0,
                            "per s");
            for (BenchConnection connection : connections) {
                readers.add(Thread.ofVirtual().name("idle-" + readers.size()).start(() -> read(connection)));
            }
            rssLoggedIn = rss("after the logins");

            phase = "holding";
            hold(connections, Deadline.after(config.hold()).within(Duration.ofNanos(deadline.remainingNanos())));
            rssEnd = rss("at the end of the hold");
        } catch (IOException e) {
            report.problem(phase + ": " + e.getMessage());
        } finally {
            closing = true;
            connections.forEach(BenchConnection::sendBye);
            connections.forEach(BenchConnection::close);
            for (Thread reader : readers) {
                try {
                    reader.join(Duration.ofSeconds(2));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        report.add("online_at_end", "still online at the end", config.clients() - dropped.get())
                .add("dropped", "closed by the server", dropped.get())
                .add("pings_answered", "server pings answered", pingsAnswered.sum())
                .add("keepalives_sent", "keepalive pings sent", keepalivesSent.sum());
        if (config.serverPid() > 0) {
            report.add("rss_before_kib", "server RSS before", rssBefore, "KiB")
                    .add("rss_logged_in_kib", "server RSS, all logged in", rssLoggedIn, "KiB")
                    .add("rss_end_kib", "server RSS, end of hold", rssEnd, "KiB");
            if (rssBefore > 0 && rssEnd > 0) {
                report.add("rss_per_connection_kib", "server RSS per connection",
                        (rssEnd - rssBefore) / (double) config.clients(), "KiB");
            }
        }
        if (dropped.get() > 0) {
            report.problem(dropped.get() + " connections closed by the server during the run");
        }
        return report;
    }

    private void hold(List<BenchConnection> connections, Deadline end) throws IOException {
        long every = config.keepalive().toNanos();
        long next = System.nanoTime() + every;
        while (!end.passed()) {
            long now = System.nanoTime();
            if (every > 0 && now - next >= 0) {
                for (BenchConnection connection : connections) {
                    if (!connection.isClosed()) {
                        connection.send(new ClientEvent.Ping(KEEPALIVE_REF));
                        keepalivesSent.increment();
                    }
                }
                next += every;
            }
            long wait = end.remainingNanos();
            if (every > 0) {
                wait = Math.min(wait, next - System.nanoTime());
            }
            LockSupport.parkNanos(Math.max(1, wait));
        }
    }

    private void read(BenchConnection connection) {
        String why = "closed by the server";
        try {
            Frame frame;
            while ((frame = connection.read()) != null) {
                if (frame instanceof Frame.Json json && !isPresence(json.body())) {
                    switch (connection.decode(json)) {
                        case ServerEvent.Ping p -> {
                            connection.send(new ClientEvent.Pong(p.ref()));
                            pingsAnswered.increment();
                        }
                        case ServerEvent.Bye b -> why = "bye " + b.reason();
                        case ServerEvent.ErrorEvent e -> why = "error " + e.code() + ": " + e.message();
                        case null, default -> {
                            // joined, left, pong and the rest
                        }
                    }
                }
            }
        } catch (IOException e) {
            why = e.toString();
        }
        if (!closing && dropped.incrementAndGet() <= 5) {
            report.problem(connection.user() + ": " + why);
        }
    }

    /**
     * Whether a J body is surely a {@code joined} or {@code left} event, which an idle client
     * ignores: N logins bring about N²/2 of them, and parsing each would cost the bench more
     * CPU than the server. Only the exact prefix the server's codec writes is recognized;
     * anything else is parsed in full.
     */
    static boolean isPresence(byte[] body) {
        return startsWith(body, JOINED) || startsWith(body, LEFT);
    }

    private static final byte[] JOINED = "{\"type\":\"joined\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] LEFT = "{\"type\":\"left\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean startsWith(byte[] body, byte[] prefix) {
        return body.length >= prefix.length && java.util.Arrays.equals(body, 0, prefix.length, prefix, 0, prefix.length);
    }

    private long rss(String when) {
        if (config.serverPid() <= 0) {
            return -1;
        }
        try {
            return ProcStatus.vmRssKib(config.serverPid());
        } catch (IOException e) {
            report.problem("cannot read the server's VmRSS " + when + ": " + e.getMessage());
            return -1;
        }
    }

    private String progressLine() {
        return String.format(Locale.ROOT, "%s  logged in %d/%d  dropped %d  pings answered %d", phase,
                loggedIn.sum(), config.clients(), dropped.get(), pingsAnswered.sum());
    }
}
