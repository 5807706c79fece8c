package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Points of the CHAT/1 contract checked over a real socket: welcome's ref, the version rule,
 * msg text. The context is its own (the max-text property, at its default, sets it apart):
 * Spring pauses a context shared with another test class between them, and a paused server
 * has said bye{server_shutdown} for good.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.max-text=4000"})
class ProtocolConformanceTests {

    @Autowired
    ChatEndpoint endpoint;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void welcomeCopiesTheHellosRef() throws Exception {
        try (var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Hello(1, "referee", null, null, null, "hello-ref"));
            assertThat(c.next(ServerEvent.Welcome.class).ref()).isEqualTo("hello-ref");
        }
        try (var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Hello("unreferenced"));
            assertThat(c.next(ServerEvent.Welcome.class).ref()).isNull();
        }
    }

    /** Every {@code v} but the integer 1, as the JSON text of the field ("" leaves it out). */
    @ParameterizedTest
    @ValueSource(strings = {"\"v\":18446744073709551617,", "\"v\":2147483648,", "\"v\":1.5,", "\"v\":1.0,",
            "\"v\":\"1\",", "\"v\":null,", "", "\"v\":2,", "\"v\":0,", "\"v\":-1,", "\"v\":true,", "\"v\":[1],"})
    void aHelloWithAnyVButTheInteger1IsAnsweredWithAnErrorThenClosed(String v) throws Exception {
        try (var c = TestClient.connect(port)) {
            c.sendJson("{\"type\":\"hello\"," + v + "\"user\":\"versioned\",\"ref\":\"h\"}");
            List<ServerEvent> before = c.awaitClosed();
            assertThat(before).as("what came before the close").singleElement()
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> {
                        assertThat(e.code()).isEqualTo("unsupported_version");
                        assertThat(e.ref()).isEqualTo("h");
                    });
        }
    }

    @Test
    void aHelloWithAFieldOfTheWrongTypeIsAnsweredThenClosed() throws Exception {
        try (var c = TestClient.connect(port)) {
            c.sendJson("{\"type\":\"hello\",\"v\":1,\"user\":[\"ada\"],\"ref\":\"h\"}");
            assertThat(c.awaitClosed()).singleElement().isInstanceOfSatisfying(ServerEvent.ErrorEvent.class,
                    e -> assertThat(e.code()).isEqualTo("bad_request"));
        }
    }

    @Test
    void aMalformedHelloAfterWelcomeIsABadRequestThatKeepsTheConnection() throws Exception {
        try (var c = TestClient.login(port, "twice")) {
            c.sendJson("{\"type\":\"hello\",\"v\":1.5,\"user\":\"twice\",\"ref\":\"again\"}");
            assertThat(c.await(ServerEvent.ErrorEvent.class).ref()).isEqualTo("again");
            c.send(new ClientEvent.Ping("still"));
            c.await(ServerEvent.Pong.class, p -> "still".equals(p.ref()));
        }
    }

    @Test
    void msgTextWithAControlCharacterOtherThanTabAndLineFeedIsABadRequest() throws Exception {
        try (var sender = TestClient.login(port, "ctl-sender"); var reader = TestClient.login(port, "ctl-reader")) {
            sender.await(ServerEvent.Joined.class, j -> j.user().equals("ctl-reader"));
            List<String> refused = List.of("\u001b[2Jwiped", "bell\u0007", "nul\u0000", "cr\r", "del\u007f",
                    "c1\u0085", "csi\u009b31m");
            for (int i = 0; i < refused.size(); i++) {
                sender.send(new ClientEvent.Send(refused.get(i), null, "bad" + i));
                ServerEvent.ErrorEvent e = sender.awaitError("bad_request");
                assertThat(e.ref()).isEqualTo("bad" + i);
            }
            String fine = "two\tcolumns\nand a second line, caf\u00e9 \ud83d\ude00";
            sender.send(new ClientEvent.Send(fine, null, "good"));
            assertThat(sender.await(ServerEvent.Ack.class).ref()).isEqualTo("good");
            // the refused ones reached nobody: the first message the reader gets is the good one
            assertThat(reader.nextSkippingPresence(ServerEvent.ChatMessage.class).text()).isEqualTo(fine);
        }
    }
}
