package io.tcpchat.server.session;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.SlowPasswordEncoder;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.bean.override.convention.TestBean;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A connection closed by the hello timeout while its password is being checked must not
 * log in afterwards: no {@code joined} for it, and its name stays free.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.hello-timeout=500ms"})
class GhostLoginTests {

    static final SlowPasswordEncoder ENCODER = new SlowPasswordEncoder();

    @TestBean
    PasswordEncoder passwordEncoder;
    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    AccountService accounts;
    @Autowired
    SessionRegistry registry;

    static PasswordEncoder passwordEncoder() {
        return ENCODER;
    }

    @Test
    void aLoginClosedDuringItsPasswordCheckLeavesTheNameFree() throws Exception {
        int port = endpoint.port();
        String password = "gus's long password";
        assertThat(accounts.create("gus", password)).isTrue();
        try (var bystander = TestClient.login(port, "bystander")) {
            ENCODER.hold();
            try (var late = TestClient.connect(port)) {
                late.send(new ClientEvent.Hello(1, "gus", password, null, null, null));
                await().atMost(TestClient.TIMEOUT).until(() -> ENCODER.slowed() == 1);
                // the hello timeout passes while the check is held: the sweep closes the connection
                List<ServerEvent> before = late.awaitClosed();
                assertThat(before).singleElement().isInstanceOfSatisfying(ServerEvent.ErrorEvent.class,
                        e -> assertThat(e.code()).isEqualTo("timeout"));
            } finally {
                ENCODER.release();
            }
            // the check returns to a hello whose connection is gone
            await().atMost(TestClient.TIMEOUT).until(() -> ENCODER.finished() == 1);

            try (var gus = TestClient.connect(port)) {
                gus.send(new ClientEvent.Hello(1, "gus", password, null, null, null));
                gus.await(ServerEvent.Welcome.class);
                bystander.send(new ClientEvent.Who("w1"));
                assertThat(bystander.await(ServerEvent.Users.class).users()).containsExactly("bystander", "gus");
            }
            ServerEvent.Left left = bystander.await(ServerEvent.Left.class);
            assertThat(left.user()).isEqualTo("gus");
            bystander.send(new ClientEvent.Who("w2"));
            assertThat(bystander.await(ServerEvent.Users.class).users()).containsExactly("bystander");
            assertThat(registry.online("gus")).isNull();
        }
    }
}
