package io.tcpchat.server.web;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatServerApplication;
import io.tcpchat.server.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser whose server restarts reconnects by itself and, with {@code since}, is given
 * exactly what it missed: every message once, none twice. The server runs in this JVM on fixed
 * ports with its history in an H2 file, started twice.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebReconnectTests {

    @TempDir
    Path dir;

    @Test
    void aReconnectAfterAServerRestartMissesNothing(CapturedOutput output) throws Exception {
        Browser.assumeInstalled();
        int chatPort = freePort();
        int webPort = freePort();
        ConfigurableApplicationContext server = start(chatPort, webPort);
        try (Browser eve = Browser.open()) {
            eve.login("http://localhost:" + webPort, "eve");
            try (TestClient cy = TestClient.login(chatPort, "cy")) {
                cy.send(new ClientEvent.Send("before the restart", null, "b"));
                cy.await(ServerEvent.Ack.class);
                eve.awaitLine("cy: before the restart");
            }
            server.close();
            eve.await().until(d -> d.findElement(org.openqa.selenium.By.id("status")).getText().startsWith("disconnected"));

            server = start(chatPort, webPort);
            // sent while the page is (most likely) still waiting to reconnect: only a replay brings them
            try (TestClient cy = TestClient.login(chatPort, "cy")) {
                for (int i = 1; i <= 3; i++) {
                    cy.send(new ClientEvent.Send("while away " + i, null, "w" + i));
                    cy.await(ServerEvent.Ack.class, a -> a.ref().startsWith("w"));
                }
                eve.await().until(d -> "connected".equals(d.findElement(org.openqa.selenium.By.id("status")).getText()));
                cy.send(new ClientEvent.Send("after the reconnect", null, "a"));
                eve.awaitLine("cy: after the reconnect");
            }
            List<String> lines = eve.lines();
            for (String line : List.of("cy: before the restart", "cy: while away 1", "cy: while away 2",
                    "cy: while away 3", "cy: after the reconnect")) {
                assertThat(Collections.frequency(lines, line)).as("'%s' in %s", line, lines).isEqualTo(1);
            }
            assertThat(output.getOut()).as("the page logged in again with since").containsPattern("as eve \\(replay after \\d+\\)");
            assertThat(lines.indexOf("cy: while away 1")).isLessThan(lines.indexOf("cy: while away 3"))
                    .isGreaterThan(lines.indexOf("cy: before the restart"));
        } finally {
            server.close();
        }
    }

    private ConfigurableApplicationContext start(int chatPort, int webPort) {
        return new SpringApplicationBuilder(ChatServerApplication.class).run(
                "--chat.port=" + chatPort, "--chat.web.port=" + webPort, "--management.server.port=0",
                "--chat.limits.rate=0", "--chat.files.dir=" + dir.resolve("files"),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("history") + ";WRITE_DELAY=0");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
