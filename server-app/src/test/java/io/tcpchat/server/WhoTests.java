package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code who} with more users online than one frame can name: the list is cut, and says so. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.max-frame=1KB",
        "chat.limits.chunk=512B", "chat.limits.connections-per-address=0"})
class WhoTests {

    @Autowired
    ChatEndpoint endpoint;

    @Test
    void whoAnswersWithinMaxFrameAndSaysTheListIsCut() throws Exception {
        int port = endpoint.port();
        int users = 40; // names of 32 characters: about 28 fit in 1 KiB
        List<String> names = new ArrayList<>();
        List<TestClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < users; i++) {
                String name = "user%028d".formatted(i);
                names.add(name);
                clients.add(TestClient.login(port, name));
                if (i == 1) {
                    clients.getFirst().send(new ClientEvent.Who("few"));
                    ServerEvent.Users few = clients.getFirst().await(ServerEvent.Users.class);
                    assertThat(few.users()).containsExactly(names.get(0), names.get(1));
                    assertThat(few.total()).isEqualTo(2);
                    assertThat(few.more()).isFalse();
                }
            }
            TestClient asker = clients.getLast();
            asker.send(new ClientEvent.Who("many"));
            ServerEvent.Users answer = asker.await(ServerEvent.Users.class);

            assertThat(answer.total()).isEqualTo(users);
            assertThat(answer.more()).isTrue();
            assertThat(answer.users()).hasSizeBetween(20, users - 1)
                    .containsExactlyElementsOf(names.subList(0, answer.users().size()));
            // its frame (kind byte and JSON body) within max-frame
            assertThat(new EventCodec().toJson(answer).length + 1).isLessThanOrEqualTo(1024);
        } finally {
            for (TestClient c : clients) {
                c.close();
            }
        }
    }
}
