package io.tcpchat.server.web;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser that stops reading holds back its own writer, and the outbox's sendq rule drops
 * it as on TCP: the others see it leave with slow_consumer, soon, while the chat goes on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0", "chat.limits.rate=0", "chat.limits.sendq=256KB"})
class WebSlowConsumerTests {

    @LocalServerPort
    int port;
    @Autowired
    ChatEndpoint chat;

    @Test
    void aBrowserThatStopsReadingIsDroppedBySendq() throws Exception {
        try (TestClient tom = TestClient.login(chat.port(), "tom")) {
            // takes the welcome, then never asks for another message: the client stops reading the socket
            WebSocket stuck = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            return null;
                        }
                    }).join();
            stuck.sendText("{\"type\":\"hello\",\"v\":1,\"user\":\"stuck\"}", true).join();
            tom.await(ServerEvent.Joined.class, j -> j.user().equals("stuck"));

            long start = System.nanoTime();
            String text = "x".repeat(4000);
            ServerEvent.Left left = null;
            // tom sends in windows of 8 and reads his acks before the next window: his own place in
            // the log never falls behind (a sender starved of CPU can be a slow consumer too)
            for (int window = 0; window < 250 && left == null; window++) { // 8 MB at most
                for (int i = 0; i < 8; i++) {
                    tom.send(new ClientEvent.Send(text, null, "w" + window + "." + i));
                }
                int acks = 0;
                while (acks < 8) {
                    ServerEvent e = tom.next();
                    if (e instanceof ServerEvent.Ack) {
                        acks++;
                    } else if (e instanceof ServerEvent.Left l && l.user().equals("stuck")) {
                        left = l;
                    }
                }
            }
            if (left == null) { // full already: its drop is on its way
                left = tom.await(ServerEvent.Left.class, l -> l.user().equals("stuck"));
            }
            assertThat(left.reason()).isEqualTo("slow_consumer");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            tom.send(new ClientEvent.Send("still here", null, "s"));
            tom.await(ServerEvent.Ack.class, a -> "s".equals(a.ref()));
        }
    }
}
