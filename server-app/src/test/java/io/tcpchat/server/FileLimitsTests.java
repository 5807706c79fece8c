package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Quota, uploads per user, upload timeout and retention, with small settings. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.files.quota=1MB",
        "chat.limits.uploads-per-user=1", "chat.limits.upload-timeout=500ms", "chat.files.retention=1s"})
class FileLimitsTests {

    static final Path DIR = FileTransferTests.tempDir("limits");

    @DynamicPropertySource
    static void dir(DynamicPropertyRegistry registry) {
        registry.add("chat.files.dir", DIR::toString);
    }

    @Autowired
    ChatEndpoint endpoint;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void anUploadPastTheQuotaIsRefused() throws Exception {
        try (var a = TestClient.login(port, "hoarder")) {
            a.send(new ClientEvent.Upload("big", 2L * 1024 * 1024, "0".repeat(64), null, "q"));
            assertThat(a.awaitError("quota_exceeded").ref()).isEqualTo("q");
        }
    }

    @Test
    void oneUserHasAtMostTheConfiguredUploadsInProgress() throws Exception {
        try (var a = TestClient.login(port, "busy")) {
            var content = new Files.Content(1, 1000);
            ServerEvent.UploadReady first = Files.announce(a, "one", content, null);
            a.send(new ClientEvent.Upload("two", 1000L, content.sha256(), null, "second"));
            assertThat(a.awaitError("rate_limited").ref()).isEqualTo("second");
            Files.sendBytes(a, first, content);
            a.await(ServerEvent.Ack.class, ack -> ack.file() != null);
            Files.upload(a, "three", content, null);
        }
    }

    @Test
    void anUploadWithNoProgressTimesOut() throws Exception {
        try (var a = TestClient.login(port, "stalled")) {
            ServerEvent.UploadReady ready = Files.announce(a, "stall", new Files.Content(2, 1000), null);
            ServerEvent.ErrorEvent e = a.awaitError("timeout");
            assertThat(e.file()).isEqualTo(ready.file());
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(DIR.resolve(ready.file() + ".part")).doesNotExist());
        }
    }

    @Test
    void filesOlderThanTheRetentionAreDeletedButStayInHistory() throws Exception {
        try (var a = TestClient.login(port, "keeper")) {
            var content = new Files.Content(3, 100);
            ServerEvent.Ack ack = Files.upload(a, "old.txt", content, null);
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                a.send(new ClientEvent.Download(ack.file(), null, "gone?"));
                ServerEvent e = a.await(ServerEvent.class, x -> x instanceof ServerEvent.ErrorEvent
                        || x instanceof ServerEvent.DownloadEnd);
                return e instanceof ServerEvent.ErrorEvent err && err.code().equals("not_found");
            });
            assertThat(DIR.resolve(ack.file() + ".bin")).doesNotExist();
            a.send(new ClientEvent.HistoryQuery(null, 10, "h"));
            ServerEvent.HistoryPage page = a.await(ServerEvent.HistoryPage.class);
            assertThat(page.events()).anyMatch(e -> e instanceof ServerEvent.FileAvailable f && f.file() == ack.file());
        }
    }
}
