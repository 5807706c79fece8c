package io.tcpchat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code irc-fanout}: the {@code fanout} load through the server's IRC gateway ({@code --port}
 * is then the IRC port, {@code chat.irc.port}). C IRC clients register (NICK, USER) and land in
 * #lobby; the first P send M messages each with PRIVMSG, and every other client must receive
 * each exactly once and in order. IRC has no acks: each sender asks for IRCv3 echo-message
 * and counts its echo as the ack, keeping at most {@code --window} messages unechoed. Texts
 * carry {@code cb:<sender>:<seq>:<sent-ns>:} as in {@code fanout}, so latency is measured alike.
 * Run it beside {@code fanout} with the same C, P, M and S to compare the two transports.
 */
final class IrcFanoutScenario {

    static final String NAME = "irc-fanout";

    record Config(int clients, int senders, int messages, int size, int window) {

        static List<Options.Spec> specs() {
            return List.of(
                    Options.Spec.value("clients", "C", "10", "IRC clients, senders included (at least 2)"),
                    Options.Spec.value("senders", "P", null, "clients that send (default: all)"),
                    Options.Spec.value("messages", "M", "1000", "messages each sender sends"),
                    Options.Spec.value("size", "S", "100", "bytes of text per message (41 to 400: one IRC line)"),
                    Options.Spec.value("window", "W", "50", "messages a sender may have unechoed"));
        }

        static Config from(Options o) throws Options.UsageException {
            int clients = o.intIn("clients", 2, 100_000);
            int senders = o.string("senders") == null ? clients : o.intIn("senders", 1, clients);
            return new Config(clients, senders, o.intIn("messages", 1, 10_000_000), o.intIn("size", 41, 400),
                    o.intIn("window", 1, 100_000));
        }
    }

    private final BenchSettings settings;
    private final Config config;
    private final PrintStream err;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Report report = new Report(NAME);

    IrcFanoutScenario(BenchSettings settings, Config config, PrintStream err) {
        this.settings = settings;
        this.config = config;
        this.err = err;
    }

    Report run() {
        List<Client> clients = new ArrayList<>();
        long expected = (long) config.senders() * config.messages() * (config.clients() - 1);
        try {
            CountDownLatch registered = new CountDownLatch(config.clients());
            for (int i = 0; i < config.clients(); i++) {
                clients.add(new Client(i, registered));
            }
            if (!registered.await(settings.timeout().toSeconds(), TimeUnit.SECONDS)) {
                return report.problem("not every client registered within " + settings.timeout());
            }
            long pid = settings.serverPid();
            double cpuAtStart = pid > 0 ? ProcessCpu.seconds(pid) : 0;
            long start = System.nanoTime();
            long end;
            try (Progress progress = new Progress(NAME, err, !settings.quiet(),
                    () -> "sent " + sent.get() + " delivered " + delivered.get() + "/" + expected)) {
                List<Thread> senders = new ArrayList<>();
                for (int i = 0; i < config.senders(); i++) {
                    Client c = clients.get(i);
                    senders.add(Thread.ofVirtual().start(c::send));
                }
                Deadline deadline = Deadline.after(settings.timeout());
                while (delivered.get() < expected && !deadline.passed()) {
                    Thread.sleep(5);
                }
                end = System.nanoTime();
                senders.forEach(Thread::interrupt);
            }
            double cpu = pid > 0 ? ProcessCpu.seconds(pid) - cpuAtStart : 0;
            LatencyStats latency = new LatencyStats();
            long problems = 0;
            for (Client c : clients) {
                latency.add(c.latency);
                problems += c.outOfOrder;
            }
            double seconds = (end - start) / 1e9;
            LatencyStats.Summary s = latency.summary();
            report.add("clients", "clients", config.clients())
                    .add("senders", "senders", config.senders())
                    .add("messages_per_sender", "messages per sender", config.messages())
                    .add("size_bytes", "message size", config.size(), "bytes")
                    .add("window", "window (unechoed messages)", config.window())
                    .add("sent", "sent", sent.get())
                    .add("expected_deliveries", "expected deliveries", expected)
                    .add("delivered", "delivered", delivered.get())
                    .add("out_of_order", "lost, duplicated or out of order", problems)
                    .add("duration_s", "duration", seconds, "s")
                    .add("deliveries_per_sec", "delivery rate", delivered.get() / seconds, "msgs/s")
                    .add("latency_p50_us", "latency p50", s.p50() / 1e3, "µs")
                    .add("latency_p99_us", "latency p99", s.p99() / 1e3, "µs")
                    .add("latency_max_us", "latency max", s.max() / 1e3, "µs");
            if (pid > 0) {
                report.add("server_cpu_s", "server CPU", cpu, "s")
                        .add("server_cpu_us_per_delivery", "server CPU per delivery",
                                cpu * 1e6 / Math.max(1, delivered.get()), "µs");
            }
            if (delivered.get() != expected) {
                report.problem("delivered " + delivered.get() + " of " + expected);
            }
            if (problems > 0) {
                report.problem(problems + " deliveries lost, duplicated or out of order");
            }
        } catch (IOException e) {
            report.problem("I/O: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report.problem("interrupted");
        } finally {
            clients.forEach(Client::close);
        }
        return report;
    }

    /** One IRC connection: a reader thread that checks what arrives, and (for senders) a send loop. */
    private final class Client {
        final int index;
        final String nick;
        final Socket socket;
        final OutputStream out;
        final Semaphore window = new Semaphore(config.window());
        final long[] lastSeq = new long[config.senders()];
        final LatencyStats latency = new LatencyStats();
        long outOfOrder;

        Client(int index, CountDownLatch registered) throws IOException {
            this.index = index;
            this.nick = settings.user(index);
            this.socket = new Socket();
            socket.bind(new InetSocketAddress(settings.sourceAddress(index), 0));
            socket.connect(settings.server(index));
            socket.setTcpNoDelay(true);
            this.out = socket.getOutputStream();
            Thread.ofVirtual().start(() -> read(registered));
            write((index < config.senders() ? "CAP REQ :echo-message\r\n" : "CAP REQ :message-tags\r\n")
                    + "NICK " + nick + "\r\nUSER " + nick + " 0 * :bench\r\nCAP END\r\n");
        }

        void send() {
            String pad = "x".repeat(config.size());
            try {
                for (int seq = 1; seq <= config.messages(); seq++) {
                    window.acquire();
                    String head = "cb:" + index + ":" + seq + ":" + System.nanoTime() + ":";
                    write("PRIVMSG #lobby :" + head + pad.substring(Math.min(head.length(), pad.length())) + "\r\n");
                    sent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                report.problem(nick + ": send failed: " + e.getMessage());
            }
        }

        private void read(CountDownLatch registered) {
            String endOfLobby = " 366 " + nick + " #lobby ";
            try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8), 65536)) {
                String line;
                boolean ready = false;
                while ((line = in.readLine()) != null) {
                    if (!ready && line.contains(endOfLobby)) {
                        ready = true;
                        registered.countDown();
                    } else if (line.startsWith("PING ")) {
                        write("PONG " + line.substring(5) + "\r\n");
                    } else if (ready) {
                        received(line);
                    }
                }
            } catch (IOException e) {
                // closed at the end of the run
            }
        }

        /** {@code :<nick>!... PRIVMSG #lobby :cb:<sender>:<seq>:<ns>:...} */
        private void received(String line) {
            long now = System.nanoTime();
            if (line.startsWith("@")) { // message tags (msgid) first
                line = line.substring(line.indexOf(' ') + 1);
            }
            int text = line.indexOf(" PRIVMSG #lobby :cb:");
            if (text < 0 || !line.startsWith(":" + settings.userPrefix())) {
                return;
            }
            String[] parts = line.substring(text + 20).split(":", 4);
            int sender = Integer.parseInt(parts[0]);
            long seq = Long.parseLong(parts[1]);
            if (sender == index) {
                window.release(); // our own echo: the message was stored and fanned out
                return;
            }
            if (sender >= lastSeq.length || seq != lastSeq[sender] + 1) {
                outOfOrder++;
            }
            if (sender < lastSeq.length) {
                lastSeq[sender] = seq;
            }
            latency.record(now - Long.parseLong(parts[2]));
            delivered.incrementAndGet();
        }

        private void write(String text) throws IOException {
            synchronized (out) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // ending anyway
            }
        }
    }
}
