package io.tcpchat.bench;

import io.tcpchat.server.irc.IrcEndpoint;
import io.tcpchat.server.session.SessionRegistry;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs each scenario through the command line against the real server, started in-process on
 * a free port with the request rate limit off.
 */
class ChatBenchEndToEndTests {

    @TempDir
    static Path dir;

    private static TestServer server;
    private static int port;
    private static int ircPort;

    @BeforeAll
    static void startServer() {
        // everything the server stores goes to the temporary folder
        server = TestServer.start(dir, "--chat.irc.enabled=true", "--chat.irc.port=0", "--chat.irc.replay=0");
        port = server.port();
        ircPort = server.bean(IrcEndpoint.class).port();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static BenchCommand.Run bench(String... args) {
        return BenchCommand.run(port, args);
    }

    private static BenchCommand.Run benchOn(int serverPort, String... args) {
        return BenchCommand.run(serverPort, args);
    }

    @Test
    void fanoutReachesWebSocketReceiversBesideTcpClients() {
        BenchCommand.Run run = bench("fanout", "--clients", "4", "--senders", "2", "--messages", "50", "--web", "3",
                "--web-port", String.valueOf(server.webPort()));

        assertThat(run.result().get("problems")).as(run.stderr()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("delivered")).isEqualTo(2 * 50 * 3);
        assertThat(run.figure("web_receivers")).isEqualTo(3);
        assertThat(run.figure("web_delivered")).isEqualTo(3 * 2 * 50);
        assertThat(run.figure("web_lost")).isZero();
        assertThat(run.result().get("results").get("web_latency_p99_us").asDouble()).isPositive();
    }

    @Test
    void fanoutDeliversEveryMessageOnceAndInOrder() {
        BenchCommand.Run run = bench("fanout", "--clients", "10", "--messages", "100", "--size", "100");

        assertThat(run.result().get("problems")).as(run.stderr()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("sent")).isEqualTo(1000);
        assertThat(run.figure("acked")).isEqualTo(1000);
        assertThat(run.figure("delivered")).isEqualTo(10 * 100 * 9);
        assertThat(run.figure("lost")).isZero();
        assertThat(run.figure("duplicated")).isZero();
        assertThat(run.figure("out_of_order")).isZero();
        assertThat(run.figure("latency_samples")).isEqualTo(10 * 100 * 9);
        assertThat(run.result().get("results").get("latency_p99_us").asDouble()).isPositive();
    }

    @Test
    void fanoutWithFewerSendersThanClientsAndPacing() {
        BenchCommand.Run run = bench("fanout", "--clients", "6", "--senders", "2", "--messages", "50", "--rate", "500",
                "--window", "4", "--size", "200", "--connections-per-source", "2");

        assertThat(run.result().get("problems")).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("delivered")).isEqualTo(2 * 50 * 5);
    }

    @Test
    void filesArriveWithTheirDigest() {
        BenchCommand.Run run = bench("files", "--size-mb", "1", "--receivers", "2", "--seed", "11");

        Assumptions.assumeFalse(run.result().get("problems").toString().contains("files are not enabled"),
                "this server build has no file transfer yet");
        assertThat(run.result().get("problems")).as(run.stderr()).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("downloads_done")).isEqualTo(2);
        assertThat(run.figure("sha256_verified")).isEqualTo(2);
        assertThat(run.result().get("results").get("sha256").asString())
                .isEqualTo(new RandomContent(11).sha256(1024 * 1024));
    }

    @Test
    void idleConnectionsStayAndTheServersMemoryIsRead() {
        BenchCommand.Run run = bench("idle", "--clients", "30", "--hold", "1", "--keepalive", "1",
                "--connections-per-source", "10", "--server-pid", String.valueOf(ProcessHandle.current().pid()));

        assertThat(run.result().get("problems")).isEmpty();
        assertThat(run.exit()).isZero();
        assertThat(run.figure("online_at_end")).isEqualTo(30);
        assertThat(run.figure("rss_end_kib")).isPositive();
    }

    @Test
    void roomsOnAServerThatLetsOnlyRegisteredUsersCreateRoomsSaysWhatToChange() {
        // this server keeps the default chat.rooms.create=registered, and bench users are not registered
        BenchCommand.Run run = bench("rooms", "--big", "2", "--rooms", "1", "--room-members", "2", "--messages", "5");

        assertThat(run.exit()).isEqualTo(ChatBench.EXIT_FAILED);
        assertThat(run.problems().toString()).contains("forbidden", "--chat.rooms.create=everyone");
    }

    @Test
    void serversShareTheClientsRoundRobin() throws Exception {
        try (TestServer second = TestServer.start(dir.resolve("second"))) {
            int port2 = second.port();
            SessionRegistry one = server.bean(SessionRegistry.class);
            SessionRegistry two = second.bean(SessionRegistry.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread run = Thread.ofVirtual().start(() -> ChatBench.run(new String[] {"idle", "--clients", "5",
                    "--hold", "3", "--user-prefix", "rr", "--quiet", "--json",
                    "--servers", "127.0.0.1:" + port + ",127.0.0.1:" + port2},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream())));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(one.onlineNames()).filteredOn(n -> n.startsWith("rr")).containsExactlyInAnyOrder("rr0", "rr2", "rr4");
                assertThat(two.onlineNames()).filteredOn(n -> n.startsWith("rr")).containsExactlyInAnyOrder("rr1", "rr3");
            });
            run.join(Duration.ofSeconds(30));
            JsonNode result = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(result.get("problems")).isEmpty();
            assertThat(result.get("results").get("online_at_end").asLong()).isEqualTo(5);
        }
    }

    @Test
    void aServerThatIsNotThereFailsTheRun() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ChatBench.run(new String[] {"fanout", "--port", String.valueOf(closedPort), "--quiet"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(exit).isEqualTo(ChatBench.EXIT_FAILED);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED", "cannot connect");
    }

    @Test
    void aMistakeOnTheCommandLineIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ChatBench.run(new String[] {"fanout", "--clients", "x"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(ChatBench.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--clients", "not a whole number");
    }

    @Test
    void ircFanoutDeliversEveryMessageOnceAndInOrderThroughTheGateway() {
        BenchCommand.Run run = benchOn(ircPort, "irc-fanout", "--clients", "5", "--senders", "2", "--messages", "100",
                "--window", "10", "--quiet");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.figure("delivered")).isEqualTo(2L * 100 * 4);
        assertThat(run.figure("expected_deliveries")).isEqualTo(800);
        assertThat(run.figure("out_of_order")).isZero();
    }
}
