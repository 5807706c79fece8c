package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Past chat.limits.presence-live-max users online, presence is stored but not broadcast
 * live (what keeps a login storm from costing N² frames); messages are unaffected.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.presence-live-max=2"})
class PresenceLimitTests {

    @Autowired
    ChatEndpoint endpoint;

    @Test
    void presencePastTheLimitIsInHistoryButNotBroadcast() throws Exception {
        int port = endpoint.port();
        try (var ada = TestClient.login(port, "p_ada"); var bob = TestClient.login(port, "p_bob")) {
            // two online: bob's arrival is still announced
            ada.await(ServerEvent.Joined.class, j -> j.user().equals("p_bob"));
            List<ServerEvent> seen = new CopyOnWriteArrayList<>();
            ada.listen(seen::add);
            try (var cy = TestClient.login(port, "p_cy")) {
                cy.send(new ClientEvent.Send("after cy", null, "m"));
                // the message after cy's login reaches ada; cy's joined, published before it, did not
                Awaitility.await().atMost(TestClient.TIMEOUT).until(() -> seen.stream()
                        .anyMatch(e -> e instanceof ServerEvent.ChatMessage m && m.text().equals("after cy")));
                assertThat(seen).noneMatch(e -> e instanceof ServerEvent.Joined j && j.user().equals("p_cy"));
                ada.send(new ClientEvent.HistoryQuery(null, 50, "h"));
                Awaitility.await().atMost(TestClient.TIMEOUT).until(() -> seen.stream()
                        .anyMatch(e -> e instanceof ServerEvent.HistoryPage));
                ServerEvent.HistoryPage page = seen.stream().filter(e -> e instanceof ServerEvent.HistoryPage)
                        .map(e -> (ServerEvent.HistoryPage) e).findFirst().orElseThrow();
                assertThat(page.events()).anyMatch(e -> e instanceof ServerEvent.Joined j && j.user().equals("p_cy"));
            }
        }
    }
}
