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
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts in open mode: register, log in, wrong and missing passwords, lockout; no secret leaks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0", "chat.auth.lockout.failures=3",
                "chat.auth.lockout.base-delay=30s"})
@ExtendWith(OutputCaptureExtension.class)
class AccountsTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    Environment env;

    @Test
    void aRegisteredNameNeedsItsPassword(CapturedOutput output) throws Exception {
        int port = endpoint.port();
        try (var ada = TestClient.login(port, "ada")) {
            ada.send(new ClientEvent.Register("short", "r0"));
            assertThat(ada.awaitError("bad_request").ref()).isEqualTo("r0");
            ada.send(new ClientEvent.Register(PASSWORD, "r1"));
            assertThat(ada.await(ServerEvent.Ack.class).ref()).isEqualTo("r1");
            ada.send(new ClientEvent.Register(PASSWORD, "r2"));
            assertThat(ada.awaitError("bad_request").message()).contains("registered already");
        }
        try (var noPassword = TestClient.connect(port)) {
            noPassword.send(new ClientEvent.Hello("ADA"));
            noPassword.awaitError("auth_required");
            noPassword.awaitClosed();
        }
        try (var wrong = TestClient.connect(port)) {
            wrong.send(new ClientEvent.Hello(1, "ada", "incorrect horse", null, null, "h"));
            ServerEvent.ErrorEvent e = wrong.awaitError("auth_failed");
            assertThat(e.ref()).isEqualTo("h");
            wrong.awaitClosed();
        }
        try (var right = TestClient.connect(port)) {
            right.send(new ClientEvent.Hello(1, "Ada", PASSWORD, null, null, null));
            assertThat(right.await(ServerEvent.Welcome.class).user()).isEqualTo("Ada");
        }
        // open mode: a name nobody registered needs no password
        try (var free = TestClient.login(port, "bob")) {
            free.send(new ClientEvent.Ping(null));
            free.await(ServerEvent.Pong.class);
        }
        assertNoSecret(output.getAll());
        assertNoSecret(metrics());
        assertThat(metrics()).contains("chat_auth_failures_total{reason=\"wrong_credentials\"}")
                .contains("chat_auth_failures_total{reason=\"password_missing\"}")
                .contains("chat_accounts_registered_total 1.0");
    }

    @Test
    void repeatedFailuresLockTheNameOutEvenForTheRightPassword(CapturedOutput output) throws Exception {
        int port = endpoint.port();
        try (var cy = TestClient.login(port, "cy")) {
            cy.send(new ClientEvent.Register(PASSWORD, null));
            cy.await(ServerEvent.Ack.class);
        }
        for (int i = 0; i < 3; i++) {
            try (var guess = TestClient.connectFrom("127.0.0." + (20 + i), port)) {
                guess.send(new ClientEvent.Hello(1, "cy", "guess number " + i, null, null, null));
                guess.awaitError("auth_failed");
                guess.awaitClosed();
            }
        }
        try (var owner = TestClient.connectFrom("127.0.0.30", port)) {
            owner.send(new ClientEvent.Hello(1, "cy", PASSWORD, null, null, null));
            assertThat(owner.awaitError("auth_failed").message()).contains("try again in");
            owner.awaitClosed();
        }
        assertThat(metrics()).contains("chat_auth_lockouts_total").doesNotContain("chat_auth_lockouts_total 0.0");
        assertNoSecret(output.getAll());
    }

    private void assertNoSecret(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain("incorrect horse").doesNotContain("guess number")
                .doesNotContain("$argon2");
    }

    private String metrics() throws Exception {
        String port = env.getProperty("local.management.port", env.getProperty("local.server.port"));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
