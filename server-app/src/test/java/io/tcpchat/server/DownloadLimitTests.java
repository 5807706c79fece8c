package io.tcpchat.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Downloads in progress on one connection are capped: each holds an open file. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.downloads-per-connection=2"})
class DownloadLimitTests {

    static final Path DIR = FileTransferTests.tempDir("downloads");
    /** More than the socket buffers between server and a held reader hold (about 4 MiB): it cannot end early. */
    static final long BIG = 6L * 1024 * 1024;

    @DynamicPropertySource
    static void dir(DynamicPropertyRegistry registry) {
        registry.add("chat.files.dir", DIR::toString);
    }

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    MeterRegistry meters;

    @Test
    void aDownloadPastTheCapIsRateLimitedAndTheConnectionStays() throws Exception {
        int port = endpoint.port();
        long a;
        long b;
        long small;
        try (var seeder = TestClient.login(port, "seeder")) {
            a = Files.upload(seeder, "a", new Files.Content(1, BIG), null).file();
            b = Files.upload(seeder, "b", new Files.Content(2, BIG), null).file();
            small = Files.upload(seeder, "c", new Files.Content(3, 100), null).file();
        }
        CountDownLatch release = new CountDownLatch(1);
        try (var c = TestClient.connectWithSmallReceiveBuffer(port)) {
            c.send(new ClientEvent.Hello("leecher"));
            c.await(ServerEvent.Welcome.class);
            // the reader stops at the first D frame: neither big download can end while it is held
            c.onData(d -> {
                try {
                    release.await(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            double refusedBefore = rateLimited();
            c.send(new ClientEvent.Download(a, 0L, "a"));
            c.send(new ClientEvent.Download(b, 0L, "b"));
            c.send(new ClientEvent.Download(small, 0L, "third"));
            // the server counts the refusal as it queues it: the reader may be let go then
            await().atMost(TestClient.TIMEOUT).until(() -> rateLimited() > refusedBefore);
            release.countDown();

            ServerEvent.ErrorEvent refusal = null;
            Set<Long> ended = new HashSet<>();
            while (refusal == null || ended.size() < 2) {
                switch (c.next()) {
                    case ServerEvent.ErrorEvent e -> {
                        assertThat(refusal).as("one refusal").isNull();
                        refusal = e;
                    }
                    case ServerEvent.DownloadStart s -> assertThat(s.file()).isIn(a, b);
                    case ServerEvent.DownloadEnd e -> ended.add(e.file());
                    default -> {
                        // presence of other clients
                    }
                }
            }
            assertThat(refusal.code()).isEqualTo("rate_limited");
            assertThat(refusal.ref()).isEqualTo("third");
            assertThat(ended).containsExactlyInAnyOrder(a, b);

            // both ended, so the connection (still open) may download again
            c.send(new ClientEvent.Download(small, 0L, "again"));
            assertThat(c.await(ServerEvent.DownloadEnd.class, e -> e.file() == small).ref()).isEqualTo("again");
        }
    }

    private double rateLimited() {
        Counter counter = meters.find("chat.errors").tag("code", "rate_limited").counter();
        return counter == null ? 0 : counter.count();
    }
}
