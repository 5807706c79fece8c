package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Store and forward over real sockets: uploads, downloads, resume, refusals, clean-up. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.max-file-size=300MB",
        "chat.limits.rate=0"})
class FileTransferTests {

    static final Path DIR = tempDir("files");

    @DynamicPropertySource
    static void dir(DynamicPropertyRegistry registry) {
        registry.add("chat.files.dir", DIR::toString);
    }

    static Path tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory("tcp-chat-" + prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    ChatEndpoint endpoint;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 262_144, 262_145, 3 * 262_144 + 1000})
    void filesOfEverySizeArriveByteIdenticalAtThreeReceivers(long size) throws Exception {
        String s = "s" + size;
        try (var sender = TestClient.login(port, s + "src"); var r1 = TestClient.login(port, s + "r1");
             var r2 = TestClient.login(port, s + "r2"); var r3 = TestClient.login(port, s + "r3")) {
            sender.await(ServerEvent.Joined.class, j -> j.user().equals(s + "r3"));
            var content = new Files.Content(size, size);
            ServerEvent.Ack ack = Files.upload(sender, "data-" + size + ".bin", content, null);
            for (TestClient r : List.of(r1, r2, r3)) {
                ServerEvent.FileAvailable f = r.await(ServerEvent.FileAvailable.class);
                assertThat(f.file()).isEqualTo(ack.file());
                assertThat(f.seq()).isEqualTo(ack.seq());
                assertThat(f.size()).isEqualTo(size);
                assertThat(f.sha256()).isEqualTo(content.sha256());
                assertThat(f.name()).isEqualTo("data-" + size + ".bin");
                assertThat(Files.Download.start(r, f.file(), 0, null).awaitSha256()).isEqualTo(content.sha256());
            }
        }
    }

    @Test
    void twoHundredMegabytesReachThreeReceiversWhileTheSlowOneHoldsNobodyUp() throws Exception {
        long size = 200L * 1024 * 1024;
        var content = new Files.Content(200, size);
        try (var sender = TestClient.login(port, "bigsrc"); var fast1 = TestClient.login(port, "fast1");
             var fast2 = TestClient.login(port, "fast2"); var slow = TestClient.login(port, "slow")) {
            sender.await(ServerEvent.Joined.class, j -> j.user().equals("slow"));
            ServerEvent.Ack ack = Files.upload(sender, "big.bin", content, null);
            for (TestClient r : List.of(fast1, fast2, slow)) {
                assertThat(r.await(ServerEvent.FileAvailable.class).file()).isEqualTo(ack.file());
            }
            // the slow receiver takes one frame and then stops reading until the others are done
            Semaphore gate = new Semaphore(1);
            var slowDownload = Files.Download.start(slow, ack.file(), 0, gate);
            var d1 = Files.Download.start(fast1, ack.file(), 0, null);
            var d2 = Files.Download.start(fast2, ack.file(), 0, null);
            String sha = content.sha256();
            assertThat(d1.awaitSha256()).isEqualTo(sha);
            assertThat(d2.awaitSha256()).isEqualTo(sha);
            assertThat(slowDownload.bytes.get()).as("the slow receiver is still far behind").isLessThan(size / 2);
            // the held-up download never tripped slow_consumer: the connection still answers
            gate.release(Integer.MAX_VALUE / 2);
            assertThat(slowDownload.awaitSha256()).isEqualTo(sha);
            slow.send(new ClientEvent.Ping("alive"));
            assertThat(slow.await(ServerEvent.Pong.class).ref()).isEqualTo("alive");
        }
    }

    @Test
    void aDownloadResumesFromAnOffset() throws Exception {
        var content = new Files.Content(7, 1_000_000);
        try (var a = TestClient.login(port, "resumeA"); var b = TestClient.login(port, "resumeB")) {
            a.await(ServerEvent.Joined.class, j -> j.user().equals("resumeB"));
            long file = Files.upload(a, "r.bin", content, "resumeB").file();
            b.await(ServerEvent.FileAvailable.class);
            assertThat(Files.Download.start(b, file, 400_000, null).awaitSha256())
                    .isEqualTo(content.sha256From(400_000));
            var atEnd = Files.Download.start(b, file, 1_000_000, null);
            assertThat(atEnd.awaitSha256()).isEqualTo(content.sha256From(1_000_000));
            assertThat(atEnd.bytes.get()).isZero();
            b.send(new ClientEvent.Download(file, 1_000_001L, "past"));
            assertThat(b.awaitError("bad_request").ref()).isEqualTo("past");
        }
    }

    @Test
    void aWrongDigestIsAChecksumMismatchAndNothingIsAnnounced() throws Exception {
        try (var a = TestClient.login(port, "digestA"); var b = TestClient.login(port, "digestB")) {
            a.await(ServerEvent.Joined.class, j -> j.user().equals("digestB"));
            var content = new Files.Content(1, 5000);
            a.send(new ClientEvent.Upload("x.bin", 5000L, new Files.Content(2, 5000).sha256(), null, "bad"));
            ServerEvent.UploadReady ready = a.await(ServerEvent.UploadReady.class);
            Files.sendBytes(a, ready, content);
            ServerEvent.ErrorEvent e = a.awaitError("checksum_mismatch");
            assertThat(e.file()).isEqualTo(ready.file());
            assertThat(e.ref()).isEqualTo("bad");
            a.send(new ClientEvent.Send("after", null, null));
            assertThat(b.nextSkippingPresence(ServerEvent.ChatMessage.class).text()).isEqualTo("after");
            assertNoFileLeft(ready.file());
        }
    }

    @Test
    void anOversizeFileIsRefusedBeforeAByteFlows() throws Exception {
        try (var a = TestClient.login(port, "oversize")) {
            a.send(new ClientEvent.Upload("huge", 301L * 1024 * 1024, "0".repeat(64), null, "big"));
            assertThat(a.awaitError("too_large").ref()).isEqualTo("big");
        }
    }

    @Test
    void badChunksFailTheUpload() throws Exception {
        try (var a = TestClient.login(port, "chunky")) {
            var content = new Files.Content(3, 100);
            // a gap
            ServerEvent.UploadReady ready = Files.announce(a, "gap", content, null);
            a.sendRaw(FrameEncoder.data(ready.file(), 10, new byte[5], 0, 5));
            assertThat(a.awaitError("bad_request").file()).isEqualTo(ready.file());
            // a byte past the announced size
            ready = Files.announce(a, "past", content, null);
            a.sendRaw(FrameEncoder.data(ready.file(), 0, new byte[101], 0, 101));
            assertThat(a.awaitError("checksum_mismatch").file()).isEqualTo(ready.file());
            // a chunk over the chunk size
            var large = new Files.Content(4, 300_000);
            ready = Files.announce(a, "large", large, null);
            a.sendRaw(FrameEncoder.data(ready.file(), 0, new byte[262_145], 0, 262_145));
            assertThat(a.awaitError("bad_request").file()).isEqualTo(ready.file());
            // data for no upload
            a.sendRaw(FrameEncoder.data(ready.file(), 0, new byte[1], 0, 1));
            assertThat(a.awaitError("not_found").file()).isEqualTo(ready.file());
            assertNoFileLeft(ready.file());
        }
    }

    @Test
    void traversalNamesAreStoredUnderTheServersIdAndAnnouncedSafely() throws Exception {
        try (var a = TestClient.login(port, "sneaky"); var b = TestClient.login(port, "victim")) {
            a.await(ServerEvent.Joined.class, j -> j.user().equals("victim"));
            var content = new Files.Content(5, 10);
            long file = Files.upload(a, "../../etc/passwd", content, null).file();
            assertThat(b.await(ServerEvent.FileAvailable.class).name()).isEqualTo("passwd");
            Files.upload(a, "..\\..\\win.ini", content, null);
            assertThat(b.await(ServerEvent.FileAvailable.class).name()).isEqualTo("win.ini");
            Files.upload(a, "a..b\u0007", content, null);
            assertThat(b.await(ServerEvent.FileAvailable.class).name()).isEqualTo("a_b");
            try (Stream<Path> entries = java.nio.file.Files.list(DIR)) {
                assertThat(entries.map(p -> p.getFileName().toString()))
                        .allMatch(n -> n.matches("\\d+\\.(bin|json)")).contains(file + ".bin");
            }
            assertThat(DIR.getParent().resolve("etc")).doesNotExist();
        }
    }

    @Test
    void aDisconnectMidUploadLeavesNoFileAndNoTempFile() throws Exception {
        long file;
        try (var a = TestClient.login(port, "quitter")) {
            var content = new Files.Content(6, 1_000_000);
            ServerEvent.UploadReady ready = Files.announce(a, "half.bin", content, null);
            file = ready.file();
            a.sendRaw(FrameEncoder.data(file, 0, new byte[1000], 0, 1000));
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> java.nio.file.Files.exists(DIR.resolve(file + ".part")));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertNoFileLeft(file));
    }

    @Test
    void cancelStopsAnUploadOrADownload() throws Exception {
        try (var a = TestClient.login(port, "canceller"); var b = TestClient.login(port, "cancelled")) {
            a.await(ServerEvent.Joined.class, j -> j.user().equals("cancelled"));
            var content = new Files.Content(8, 500_000);
            ServerEvent.UploadReady ready = Files.announce(a, "c.bin", content, null);
            a.send(new ClientEvent.Cancel(ready.file(), "c1"));
            ServerEvent.Ack ack = a.await(ServerEvent.Ack.class);
            assertThat(ack.ref()).isEqualTo("c1");
            assertThat(ack.file()).isEqualTo(ready.file());
            assertNoFileLeft(ready.file());
            a.send(new ClientEvent.Cancel(ready.file(), "c2"));
            assertThat(a.awaitError("not_found").ref()).isEqualTo("c2");

            long file = Files.upload(a, "d.bin", content, "cancelled").file();
            b.await(ServerEvent.FileAvailable.class);
            // a third party cannot fetch a file sent to someone else
            try (var c = TestClient.login(port, "outsider")) {
                c.send(new ClientEvent.Download(file, null, "peek"));
                assertThat(c.awaitError("not_found").ref()).isEqualTo("peek");
            }
        }
    }

    static void assertNoFileLeft(long file) throws IOException {
        try (Stream<Path> entries = java.nio.file.Files.list(DIR)) {
            assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(file + "."));
        }
    }
}
