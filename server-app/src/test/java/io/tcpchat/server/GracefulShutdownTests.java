package io.tcpchat.server;

import io.tcpchat.protocol.ServerEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
        int chatPort = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "io.tcpchat.server.ChatServerApplication",
                "--chat.port=" + chatPort, "--management.server.port=" + managementPort,
                "--chat.files.dir=" + dir.resolve("files"), "--chat.shutdown-timeout=5s"));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            // started, not only listening: the SIGTERM handler that makes the exit status 0 is
            // installed once the application has started (its web listeners come after the chat port)
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> accepts(chatPort) && java.nio.file.Files.readString(dir.resolve("server.log"))
                            .contains("Started ChatServerApplication"));
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

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
