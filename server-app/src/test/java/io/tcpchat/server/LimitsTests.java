package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every limit hit and answered with its code while the other clients carry on. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0",
        "chat.limits.max-frame=1KB", "chat.limits.chunk=512B", "chat.limits.max-text=10",
        "chat.limits.rate=5", "chat.limits.burst=5", "chat.limits.connections-per-address=3"})
class LimitsTests {

    @Autowired
    ChatEndpoint endpoint;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void welcomeAnnouncesTheConfiguredLimits() throws Exception {
        try (var c = TestClient.connectFrom("127.0.0.2", port)) {
            c.send(new ClientEvent.Hello("announce"));
            ServerEvent.Welcome w = c.next(ServerEvent.Welcome.class);
            assertThat(w.limits()).isEqualTo(new ServerEvent.Limits(1024, 10, 1024L * 1024 * 1024, 512, 50, 1000, 300));
        }
    }

    @Test
    void aFrameOverMaxFrameIsRefusedFromItsHeaderAndClosesOnlyThatConnection() throws Exception {
        try (var other = login("127.0.0.3", "bystander"); var c = login("127.0.0.3", "big")) {
            // header says 1025 bytes; nothing follows: the answer must come from the header alone
            c.sendRaw(new byte[] {0, 0, 4, 1});
            c.awaitError("bad_frame");
            c.awaitClosed();
            other.send(new ClientEvent.Ping("ok"));
            other.await(ServerEvent.Pong.class);
        }
    }

    @Test
    void textOverMaxTextIsTooLarge() throws Exception {
        try (var c = login("127.0.0.4", "texter")) {
            c.send(new ClientEvent.Send("12345678901", null, "t"));
            assertThat(c.awaitError("too_large").ref()).isEqualTo("t");
            c.send(new ClientEvent.Send("1234567890", null, "ok"));
            assertThat(c.await(ServerEvent.Ack.class).ref()).isEqualTo("ok");
        }
    }

    @Test
    void requestsPastRateAndBurstAreRateLimitedButPingIsNot() throws Exception {
        try (var other = login("127.0.0.5", "calm"); var c = login("127.0.0.5", "hasty")) {
            // hello took one token; ten more requests at once: the burst of 5 lets 4 through
            for (int i = 0; i < 10; i++) {
                c.send(new ClientEvent.Who("w" + i));
            }
            int answered = 0;
            int limited = 0;
            for (int i = 0; i < 10; i++) {
                ServerEvent e = c.next();
                if (e instanceof ServerEvent.Joined || e instanceof ServerEvent.Left) {
                    i--; // presence of other tests' clients, not an answer
                    continue;
                }
                if (e instanceof ServerEvent.Users) {
                    answered++;
                } else {
                    assertThat(((ServerEvent.ErrorEvent) e).code()).isEqualTo("rate_limited");
                    limited++;
                }
            }
            assertThat(answered).isBetween(4, 6);
            assertThat(limited).isEqualTo(10 - answered);
            for (int i = 0; i < 20; i++) {
                c.send(new ClientEvent.Ping("p" + i));
            }
            for (int i = 0; i < 20; i++) {
                int n = i;
                assertThat(c.await(ServerEvent.Pong.class, p -> p.ref().equals("p" + n))).isNotNull();
            }
            other.send(new ClientEvent.Who(null));
            other.await(ServerEvent.Users.class);
        }
    }

    @Test
    void connectionsPastThePerAddressCapAreRefused() throws Exception {
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(login("127.0.0.6", "cap" + i));
            }
            try (var fourth = TestClient.connectFrom("127.0.0.6", port)) {
                fourth.awaitError("too_many_connections");
                fourth.awaitClosed();
            }
            try (var elsewhere = login("127.0.0.7", "elsewhere")) {
                elsewhere.send(new ClientEvent.Ping(null));
                elsewhere.await(ServerEvent.Pong.class);
            }
            open.getFirst().send(new ClientEvent.Ping(null));
            open.getFirst().await(ServerEvent.Pong.class);
        } finally {
            for (TestClient c : open) {
                c.close();
            }
        }
    }

    private TestClient login(String source, String user) throws Exception {
        TestClient c = TestClient.connectFrom(source, port);
        c.send(new ClientEvent.Hello(user));
        c.await(ServerEvent.Welcome.class);
        return c;
    }
}
