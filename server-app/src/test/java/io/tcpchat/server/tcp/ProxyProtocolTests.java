package io.tcpchat.server.tcp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.session.SessionRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static io.tcpchat.server.tcp.ProxyProtocolHeaderTests.ascii;
import static io.tcpchat.server.tcp.ProxyProtocolHeaderTests.concat;
import static io.tcpchat.server.tcp.ProxyProtocolHeaderTests.tcp4;
import static io.tcpchat.server.tcp.ProxyProtocolHeaderTests.tcp6;
import static io.tcpchat.server.tcp.ProxyProtocolHeaderTests.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The PROXY protocol end to end, over real sockets. Only 127.0.0.1 is trusted (the default),
 * so this test is the load balancer when it connects from 127.0.0.1, and a direct client when
 * it connects from 127.0.0.2 and up. The header addresses are documentation ranges: nothing is
 * ever sent to them.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.proxy-protocol.enabled=true",
        "chat.limits.connections-per-address=2", "chat.limits.hello-timeout=2s",
        "chat.auth.lockout.failures=2", "chat.auth.lockout.base-delay=30s"})
@ExtendWith(OutputCaptureExtension.class)
class ProxyProtocolTests {

    static final String PASSWORD = "correct horse battery";
    static final EventCodec CODEC = new EventCodec();

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    SessionRegistry registry;
    @Autowired
    MeterRegistry meters;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    /** Connects from 127.0.0.1, the trusted proxy, and sends {@code header} first. */
    TestClient proxied(byte[] header) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        s.getOutputStream().write(header);
        return TestClient.over(s);
    }

    byte[] v1(String client) {
        return ascii("PROXY TCP4 " + client + " 127.0.0.1 40000 " + port + "\r\n");
    }

    TestClient loginVia(byte[] header, String user) throws IOException {
        TestClient c = proxied(header);
        c.send(new ClientEvent.Hello(user));
        c.await(ServerEvent.Welcome.class);
        return c;
    }

    void awaitNoConnectionFrom(String address) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registry.connections().stream().noneMatch(s -> s.address().equals(address)));
    }

    double errors(String code) {
        Counter c = meters.find("chat.errors").tag("code", code).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void theHeaderAddressIsTheSessionsAddressAndIsLogged(CapturedOutput output) throws Exception {
        try (var v1 = loginVia(v1("192.0.2.10"), "viaV1");
             var v2 = loginVia(v2(0x21, 0x21, tcp6("2001:db8::10", "2001:db8::1")), "viaV2")) {
            assertThat(registry.online("viaV1").address()).isEqualTo("192.0.2.10");
            assertThat(registry.online("viaV2").address()).isEqualTo(InetAddress.getByName("2001:db8::10").getHostAddress());
            assertThat(output.getAll()).containsPattern("connect \\S+ from 192\\.0\\.2\\.10");
        }
    }

    @Test
    void localAndUnknownHeadersKeepTheProxysAddress() throws Exception {
        try (var local = loginVia(v2(0x20, 0x00, new byte[0]), "healthLocal");
             var unknown = loginVia(ascii("PROXY UNKNOWN\r\n"), "healthUnknown")) {
            assertThat(registry.online("healthLocal").address()).isEqualTo("127.0.0.1");
            assertThat(registry.online("healthUnknown").address()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void thePerAddressCapCountsEachHeaderAddressApart() throws Exception {
        // the cap is 2: all four arrive from 127.0.0.1, but they are two clients of two each
        List<TestClient> open = new ArrayList<>();
        try {
            open.add(loginVia(v1("192.0.2.21"), "capA1"));
            open.add(loginVia(v1("192.0.2.21"), "capA2"));
            open.add(loginVia(v2(0x21, 0x11, tcp4("192.0.2.22", "127.0.0.1", 40000, port)), "capB1"));
            open.add(loginVia(v1("192.0.2.22"), "capB2"));
            try (var third = proxied(v1("192.0.2.21"))) {
                assertThat(third.awaitError("too_many_connections").message()).contains("192.0.2.21");
                third.awaitClosed();
            }
            // when one leaves, its address has room again: the count follows the header's address
            open.removeFirst().close();
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.online("capA1") == null);
            open.add(loginVia(v1("192.0.2.21"), "capA3"));
        } finally {
            for (TestClient c : open) {
                c.close();
            }
        }
    }

    @Test
    void theLockoutKeysOnTheHeaderAddress() throws Exception {
        int n = 40;
        for (String user : List.of("lockP1", "lockP2", "lockP3")) {
            try (var c = loginVia(v1("192.0.2." + n++), user)) {
                c.send(new ClientEvent.Register(PASSWORD, null));
                c.await(ServerEvent.Ack.class);
            }
        }
        // two failures from 192.0.2.50, one per name: that address is locked, neither name is
        for (String user : List.of("lockP1", "lockP2")) {
            try (var guess = proxied(v1("192.0.2.50"))) {
                guess.send(new ClientEvent.Hello(1, user, "a wrong guess", null, null, null));
                guess.awaitError("auth_failed");
                guess.awaitClosed();
            }
            awaitNoConnectionFrom("192.0.2.50"); // the cap of 2 must not be what refuses the third
        }
        try (var locked = proxied(v1("192.0.2.50"))) {
            locked.send(new ClientEvent.Hello(1, "lockP3", PASSWORD, null, null, null));
            assertThat(locked.awaitError("auth_failed").message()).contains("try again in");
            locked.awaitClosed();
        }
        // the same proxy, another client: not locked out
        try (var other = proxied(v1("192.0.2.51"))) {
            other.send(new ClientEvent.Hello(1, "lockP3", PASSWORD, null, null, null));
            assertThat(other.await(ServerEvent.Welcome.class).user()).isEqualTo("lockP3");
        }
    }

    @Test
    void concurrentClientsBehindOneProxyAreCountedExactlyPerHeaderAddress() throws Exception {
        // fixed seed: 48 connections at once, each from one of 4 header addresses, v1 or v2
        SplittableRandom random = new SplittableRandom(49152);
        int n = 48;
        String[] addresses = {"198.51.100.1", "198.51.100.2", "198.51.100.3", "198.51.100.4"};
        String[] from = new String[n];
        byte[][] headers = new byte[n][];
        for (int i = 0; i < n; i++) {
            from[i] = addresses[random.nextInt(addresses.length)];
            headers[i] = random.nextBoolean() ? v1(from[i]) : v2(0x21, 0x11, tcp4(from[i], "127.0.0.1", 40000 + i, port));
        }
        List<TestClient> clients = new ArrayList<>();
        try {
            List<Thread> threads = new ArrayList<>();
            String[] outcome = new String[n];
            for (int i = 0; i < n; i++) {
                TestClient c = proxied(headers[i]);
                clients.add(c);
                int k = i;
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        try {
                            c.send(new ClientEvent.Hello("crowd" + k));
                        } catch (java.io.IOException refusedFirst) {
                            // over the cap the server answers and closes at once, maybe before our hello
                        }
                        ServerEvent e;
                        do {
                            e = c.next();
                        } while (e instanceof ServerEvent.Joined || e instanceof ServerEvent.Left);
                        outcome[k] = e instanceof ServerEvent.ErrorEvent err ? err.code() : "welcome";
                    } catch (Exception | AssertionError e) {
                        outcome[k] = e.toString();
                    }
                }));
            }
            for (Thread t : threads) {
                t.join(TestClient.TIMEOUT.toMillis());
            }
            for (String address : addresses) {
                long sent = IntStream.range(0, n).filter(i -> from[i].equals(address)).count();
                long welcomed = IntStream.range(0, n)
                        .filter(i -> from[i].equals(address) && "welcome".equals(outcome[i])).count();
                assertThat(welcomed).as("welcomed from %s (of %d; cap 2)", address, sent).isBetween(Math.min(1L, sent), 2L);
            }
            for (int i = 0; i < n; i++) {
                assertThat(outcome[i]).as("connection %d", i).isIn("welcome", "too_many_connections");
                if ("welcome".equals(outcome[i])) {
                    assertThat(registry.online("crowd" + i).address()).isEqualTo(from[i]);
                }
            }
        } finally {
            for (TestClient c : clients) {
                c.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.connections().stream()
                .noneMatch(s -> s.address().startsWith("198.51.100.")));
    }

    @Test
    void aHeaderInPiecesIsPutTogether() throws Exception {
        byte[] header = v1("192.0.2.60");
        Socket s = new Socket("127.0.0.1", port);
        OutputStream out = s.getOutputStream();
        out.write(header, 0, 9);
        out.flush();
        out.write(header, 9, header.length - 9);
        out.write(CODEC.frame(new ClientEvent.Hello("pieces")));
        out.flush();
        try (var c = TestClient.over(s)) {
            c.await(ServerEvent.Welcome.class);
            assertThat(registry.online("pieces").address()).isEqualTo("192.0.2.60");
        }
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsClosedAndCounted(CapturedOutput output) throws Exception {
        double bad = errors("bad_frame");
        // CHAT/1 straight away, as if the proxy did not send its header
        try (var plain = proxied(CODEC.frame(new ClientEvent.Hello("noHeader")))) {
            assertThat(plain.awaitClosed()).isEmpty();
        }
        assertThat(errors("bad_frame")).isEqualTo(bad + 1);
        assertThat(registry.online("noHeader")).isNull();
        assertThat(output.getAll()).contains("bad PROXY header");
    }

    @Test
    void aMalformedHeaderIsClosedAndCounted() throws Exception {
        double bad = errors("bad_frame");
        try (var wrong = proxied(concat(ascii("PROXY TCP4 192.0.2.300 127.0.0.1 1 2\r\n"),
                CODEC.frame(new ClientEvent.Hello("malformed"))))) {
            assertThat(wrong.awaitClosed()).isEmpty();
        }
        byte[] badSignature = v2(0x21, 0x11, tcp4("192.0.2.7", "127.0.0.1", 1, 2));
        badSignature[7] = 'X';
        try (var wrong = proxied(badSignature)) {
            assertThat(wrong.awaitClosed()).isEmpty();
        }
        assertThat(errors("bad_frame")).isEqualTo(bad + 2);
        assertThat(registry.online("malformed")).isNull();
    }

    @Test
    void noWholeHeaderWithinTheHelloTimeoutIsClosedAndCounted(CapturedOutput output) throws Exception {
        double timeouts = errors("timeout");
        long start = System.nanoTime();
        try (var silent = proxied(new byte[0]); var trickle = proxied(ascii("PROXY TCP4 192.0.2."))) {
            assertThat(silent.awaitClosed()).isEmpty();
            assertThat(trickle.awaitClosed()).isEmpty();
        }
        // hello-timeout is 2 s for the whole header, however it trickles
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(errors("timeout")).isEqualTo(timeouts + 2);
        assertThat(output.getAll()).contains("no PROXY header within 2000 ms");
    }

    @Test
    void anUntrustedPeerIsADirectClientAndItsHeaderIsABadFrame() throws Exception {
        try (var direct = TestClient.connectFrom("127.0.0.2", port)) {
            direct.send(new ClientEvent.Hello("direct"));
            direct.await(ServerEvent.Welcome.class);
            assertThat(registry.online("direct").address()).isEqualTo("127.0.0.2");
        }
        for (byte[] header : List.of(v1("192.0.2.70"), v2(0x21, 0x11, tcp4("192.0.2.70", "127.0.0.1", 1, 2)))) {
            try (var spoofer = TestClient.connectFrom("127.0.0.3", port)) {
                // its first four bytes read as a frame length far over max-frame
                spoofer.sendRaw(header);
                spoofer.awaitError("bad_frame");
                spoofer.awaitClosed();
            }
            awaitNoConnectionFrom("127.0.0.3");
        }
        assertThat(registry.online("spoofer")).isNull();
    }
}
