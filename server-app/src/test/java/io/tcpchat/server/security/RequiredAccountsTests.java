package io.tcpchat.server.security;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Required mode: only accounts log in; an unknown name and a wrong password look the same. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.auth.mode=required"})
class RequiredAccountsTests {

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    io.tcpchat.server.accounts.AccountService accounts;

    @Test
    void onlyAccountsLogInAndRefusalsDoNotTellWhichPartWasWrong() throws Exception {
        int port = endpoint.port();
        assertThat(accounts.create("dora", "dora's long password")).isTrue();
        assertThat(accounts.create("DORA", "another password")).isFalse();

        ServerEvent.ErrorEvent unknown = refusal(port, "nobody", "dora's long password");
        ServerEvent.ErrorEvent wrong = refusal(port, "dora", "not her password");
        assertThat(unknown.code()).isEqualTo("auth_failed");
        assertThat(wrong).isEqualTo(unknown);

        try (var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Hello("nobody"));
            assertThat(c.awaitError("auth_required").message()).contains("requires an account");
            c.awaitClosed();
        }
        try (var dora = TestClient.connect(port)) {
            dora.send(new ClientEvent.Hello(1, "dora", "dora's long password", null, null, null));
            dora.await(ServerEvent.Welcome.class);
        }
    }

    private static ServerEvent.ErrorEvent refusal(int port, String user, String password) throws Exception {
        try (var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Hello(1, user, password, null, null, null));
            ServerEvent.ErrorEvent e = c.await(ServerEvent.ErrorEvent.class);
            c.awaitClosed();
            return e;
        }
    }
}
