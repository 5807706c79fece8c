package io.tcpchat.server.accounts;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.SlowPasswordEncoder;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password checks run off the carrier threads of the virtual-thread readers: while as many
 * checks as there are carriers are busy on the CPU (and more wait), a logged-in client is
 * still answered at once.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.rate=0"})
class PasswordHashingTests {

    /** The virtual-thread scheduler's carriers: checks on them would leave nothing else to run. */
    static final int CARRIERS = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
            Runtime.getRuntime().availableProcessors());
    static final SlowPasswordEncoder ENCODER = new SlowPasswordEncoder();

    @TestBean
    PasswordEncoder passwordEncoder;
    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    AccountService accounts;

    static PasswordEncoder passwordEncoder() {
        return ENCODER;
    }

    @DynamicPropertySource
    static void asManyHashesAsCarriers(DynamicPropertyRegistry registry) {
        registry.add("chat.auth.max-concurrent-hashes", () -> CARRIERS);
    }

    @Test
    void aLoginBurstDoesNotStallOtherConnections() throws Exception {
        int port = endpoint.port();
        int logins = CARRIERS * 2;
        for (int i = 0; i < logins; i++) {
            accounts.create("burst" + i, "password of burst" + i);
        }
        List<TestClient> burst = new ArrayList<>();
        try (var pinger = TestClient.login(port, "pinger")) {
            CompletableFuture<ServerEvent.Pong> pong = new CompletableFuture<>();
            pinger.listen(e -> {
                if (e instanceof ServerEvent.Pong p && "during".equals(p.ref())) {
                    pong.complete(p);
                }
            });
            ENCODER.spin();
            try {
                for (int i = 0; i < logins; i++) {
                    TestClient c = TestClient.connect(port);
                    burst.add(c);
                    c.send(new ClientEvent.Hello(1, "burst" + i, "password of burst" + i, null, null, null));
                }
                // every hashing thread is busy on the CPU; the other logins wait for one
                await().atMost(TestClient.TIMEOUT).until(() -> ENCODER.slowed() == CARRIERS);
                pinger.send(new ClientEvent.Ping("during"));
                assertThat(pong.get(5, TimeUnit.SECONDS)).isNotNull();
                assertThat(ENCODER.slowed()).as("the checks were still running").isEqualTo(CARRIERS);
            } finally {
                ENCODER.release();
            }
            for (TestClient c : burst) {
                c.await(ServerEvent.Welcome.class);
            }
        } finally {
            for (TestClient c : burst) {
                c.close();
            }
        }
    }
}
