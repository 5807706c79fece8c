package io.tcpchat.server.irc;

import io.tcpchat.server.ServerProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM to a real server process: every IRC client is told why it is closed, as CHAT/1 clients get bye. */
class IrcShutdownTests {

    @TempDir
    Path dir;

    @Test
    void sigtermTellsEveryIrcClientErrorServerShutdown() throws Exception {
        int chatPort = ServerProcesses.freePort();
        int ircPort = ServerProcesses.freePort();
        Path log = dir.resolve("server.log");
        Process server = ServerProcesses.start(log, "--chat.port=" + chatPort,
                "--management.server.port=" + ServerProcesses.freePort(), "--chat.files.dir=" + dir.resolve("files"),
                "--chat.shutdown-timeout=5s", "--chat.irc.enabled=true", "--chat.irc.port=" + ircPort,
                "--spring.datasource.url=jdbc:h2:mem:irc-shutdown");
        try {
            ServerProcesses.awaitStarted(server, ircPort, log);
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
}
