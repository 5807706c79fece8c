package io.tcpchat.server.irc;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM to a real server process: every IRC client is told why it is closed, as CHAT/1 clients get bye. */
class IrcShutdownTests {

    @TempDir
    Path dir;

    @Test
    void sigtermTellsEveryIrcClientErrorServerShutdown() throws Exception {
        int chatPort = freePort();
        int ircPort = freePort();
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                "io.tcpchat.server.ChatServerApplication", "--chat.port=" + chatPort,
                "--management.server.port=" + freePort(), "--chat.files.dir=" + dir.resolve("files"),
                "--chat.shutdown-timeout=5s", "--chat.irc.enabled=true", "--chat.irc.port=" + ircPort,
                "--spring.datasource.url=jdbc:h2:mem:irc-shutdown");
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            // SIGTERM exits 0 only once the application has started (the shutdown handler is installed
            // then, and the web listener starts after the IRC port): wait for both
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> accepts(ircPort) && java.nio.file.Files.readString(dir.resolve("server.log"))
                            .contains("Started ChatServerApplication"));
            try (IrcTestClient ann = IrcTestClient.register(ircPort, "ann");
                 IrcTestClient bob = IrcTestClient.register(ircPort, "bob")) {
                server.destroy(); // SIGTERM
                for (IrcTestClient c : List.of(ann, bob)) {
                    assertThat(c.await("ERROR ")).isEqualTo("ERROR :Closing link: tcp-chat (server_shutdown)");
                    c.awaitClosed();
                }
            }
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server exited").isTrue();
            assertThat(server.exitValue()).isZero();
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
