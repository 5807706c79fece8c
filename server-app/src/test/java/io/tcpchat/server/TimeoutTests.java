package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/** hello-timeout and idle-timeout, shortened so the test takes a second. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0",
        "chat.limits.hello-timeout=400ms", "chat.limits.idle-timeout=1500ms"})
class TimeoutTests {

    @Autowired
    ChatEndpoint endpoint;

    @Test
    void noHelloInTimeIsATimeout() throws Exception {
        try (var c = TestClient.connect(endpoint.port())) {
            List<ServerEvent> before = c.awaitClosed();
            assertThat(before).singleElement().isInstanceOfSatisfying(ServerEvent.ErrorEvent.class,
                    e -> assertThat(e.code()).isEqualTo("timeout"));
        }
    }

    @Test
    void aSilentConnectionIsClosedAsIdleWhileATalkingOneStays() throws Exception {
        int port = endpoint.port();
        try (var talker = TestClient.login(port, "talker"); var quiet = TestClient.login(port, "quiet")) {
            talker.await(ServerEvent.Joined.class, j -> j.user().equals("quiet"));
            // the talker pings every 200 ms; the quiet one says nothing
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                talker.send(new ClientEvent.Ping(null));
                return quiet.ended();
            });
            ServerEvent.Left left = talker.await(ServerEvent.Left.class);
            assertThat(left).isNotNull();
            assertThat(left.user()).isEqualTo("quiet");
            assertThat(left.reason()).isEqualTo("idle");
            List<ServerEvent> before = quiet.awaitClosed();
            assertThat(before.getLast()).isEqualTo(new ServerEvent.Bye("idle"));
        }
    }
}
