package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.session.SessionRegistry;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** chat.limits.max-connections: past it a connection from any address is refused; a freed slot is taken again. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.max-connections=3"})
class ConnectionCapTests {

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    SessionRegistry registry;

    @Test
    void connectionsPastTheServerCapAreRefusedWhateverTheirAddress() throws Exception {
        int port = endpoint.port();
        List<TestClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(login("127.0.0." + (2 + i), "cap" + i));
            }
            try (var fourth = TestClient.connectFrom("127.0.0.9", port)) {
                fourth.awaitError("too_many_connections");
                fourth.awaitClosed();
            }
            open.getFirst().send(new ClientEvent.Ping("still"));
            open.getFirst().await(ServerEvent.Pong.class);

            open.removeFirst().close();
            await().atMost(TestClient.TIMEOUT).until(() -> registry.connectionCount() == 2);
            open.add(login("127.0.0.9", "again"));
        } finally {
            for (TestClient c : open) {
                c.close();
            }
        }
    }

    private TestClient login(String source, String user) throws Exception {
        TestClient c = TestClient.connectFrom(source, endpoint.port());
        c.send(new ClientEvent.Hello(user));
        c.await(ServerEvent.Welcome.class);
        return c;
    }
}
