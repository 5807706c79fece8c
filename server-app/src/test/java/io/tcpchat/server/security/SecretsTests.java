package io.tcpchat.server.security;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A password sent in a malformed {@code hello} or {@code register} reaches neither the
 * server's log nor the {@code error} that answers it: Jackson's messages quote the input,
 * the server's must not. INFO is set here because that is where the server logs a bad frame.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "logging.level.io.tcpchat=INFO"})
class SecretsTests {

    /** Digits only, so that it can be sent as a number as well as inside text. */
    static final String SECRET = "73519024688231";

    @Autowired
    ChatEndpoint endpoint;

    @Test
    void aMalformedHelloOrRegisterNeverQuotesThePassword(CapturedOutput output) throws Exception {
        List<String> hellos = List.of(
                hello("\"password\":" + SECRET + "}"),
                hello("\"password\":{\"p\":\"" + SECRET + "\"}}"),
                hello("\"password\":[\"" + SECRET + "\"]}"),
                hello("\"password\":" + SECRET + "x}"),
                hello("\"password\":\"" + SECRET + "\",}"),
                hello("\"password\":\"" + SECRET + "\""),
                hello("\"password\":\"" + SECRET + "\"} " + SECRET),
                "{\"type\":\"hello\",\"v\":\"" + SECRET + "\",\"user\":\"leaky\"}");
        List<String> registers = List.of(
                "{\"type\":\"register\",\"password\":" + SECRET + "}",
                "{\"type\":\"register\",\"password\":" + SECRET + SECRET + SECRET + "}",
                "{\"type\":\"register\",\"password\":{\"p\":\"" + SECRET + "\"}}",
                "{\"type\":\"register\",\"password\":pw" + SECRET + "}",
                "{\"type\":\"register\",\"password\":\"" + SECRET + "\",}",
                "{\"type\":\"register\",\"password\":\"" + SECRET + "\"");
        List<ServerEvent.ErrorEvent> errors = new ArrayList<>();
        for (String body : hellos) {
            try (var c = TestClient.connect(endpoint.port())) {
                c.sendJson(body);
                errors.add(c.await(ServerEvent.ErrorEvent.class));
            }
        }
        int n = 0;
        for (String body : registers) {
            try (var c = TestClient.login(endpoint.port(), "registrant" + n++)) {
                c.sendJson(body);
                errors.add(c.await(ServerEvent.ErrorEvent.class));
            }
        }
        assertThat(errors).hasSize(hellos.size() + registers.size()).allSatisfy(e -> {
            assertThat(e.toString()).doesNotContain(SECRET);
            assertThat(e.code()).isIn("bad_request", "bad_frame", "unsupported_version");
        });
        // evidence that the server's log is in the capture: malformed JSON is logged as a bad frame
        assertThat(output.getOut()).contains("bad frame from");
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    private static String hello(String rest) {
        return "{\"type\":\"hello\",\"v\":1,\"user\":\"leaky\"," + rest;
    }

    @Test
    void aWellFormedRegisterIsStillAcknowledged() throws Exception {
        try (var c = TestClient.login(endpoint.port(), "registrant-ok")) {
            c.send(new ClientEvent.Register(SECRET, "r"));
            assertThat(c.await(ServerEvent.Ack.class).ref()).isEqualTo("r");
        }
    }
}
