package io.tcpchat.server;

import io.tcpchat.protocol.ServerEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to a real server process: every client is told {@code bye{server_shutdown}},
 * an upload in progress leaves nothing behind, and the process exits 0.
 */
class GracefulShutdownTests {

    @TempDir
    Path dir;

    @Test
    void sigtermSaysByeToEveryClientDiscardsUploadsAndExitsZero() throws Exception {
        int chatPort = ServerProcesses.freePort();
        int managementPort = ServerProcesses.freePort();
        Path log = dir.resolve("server.log");
        Process server = ServerProcesses.start(log, "--chat.port=" + chatPort,
                "--management.server.port=" + managementPort, "--chat.files.dir=" + dir.resolve("files"),
                "--chat.shutdown-timeout=5s");
        try {
            ServerProcesses.awaitStarted(server, chatPort, log);
            try (var ada = TestClient.login(chatPort, "ada"); var bob = TestClient.login(chatPort, "bob")) {
                ada.await(ServerEvent.Joined.class);
                long file = FilesAccess.announce(bob, "half.bin", 1_000_000).file();
                bob.sendRaw(io.tcpchat.protocol.FrameEncoder.data(file, 0, new byte[1000], 0, 1000));
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> java.nio.file.Files.exists(dir.resolve("files").resolve(file + ".part")));

                server.destroy(); // SIGTERM

                for (TestClient c : List.of(ada, bob)) {
                    List<ServerEvent> last = c.awaitClosed();
                    assertThat(last).contains(new ServerEvent.Bye("server_shutdown"));
                }
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server exited").isTrue();
            assertThat(server.exitValue()).isZero();
            try (Stream<Path> left = java.nio.file.Files.list(dir.resolve("files"))) {
                assertThat(left).as("nothing left of the upload").isEmpty();
            }
            assertThat(java.nio.file.Files.readString(dir.resolve("server.log")))
                    .contains("shutting down").contains("all connections closed");
        } finally {
            server.destroyForcibly();
        }
    }
}
