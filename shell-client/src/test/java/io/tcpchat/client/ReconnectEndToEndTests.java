package io.tcpchat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A session outlives a lost connection and a restarted server: it reconnects with backoff,
 * resumes with {@code hello.since}, and shows what it missed once, and nothing twice.
 */
class ReconnectEndToEndTests {

    @TempDir
    Path dir;

    @Test
    void aDroppedConnectionComesBackWithWhatItMissed() throws Exception {
        try (TestServer server = TestServer.start(dir.resolve("server"));
             TcpProxy network = new TcpProxy(server.port());
             ClientProcess ada = ClientProcess.start(dir.resolve("ada"), "--port=" + network.port(), "--user=ada",
                     "--downloads=" + dir.resolve("ada/downloads"))) {
            ada.awaitOut("Connected to localhost:" + network.port() + " as ada.");
            send(server, "bob", "before the drop");
            ada.awaitOut("<bob> before the drop");

            network.cut();
            ada.awaitErr("Connection lost");
            ada.type("typed while away");
            ada.type("and this too");
            ada.awaitOut("Not connected: kept (2 waiting); sent once the connection is back.");
            send(server, "bob", "while you were away");
            send(server, "cy", "me too");
            network.restore();

            ada.awaitOut("Reconnected to localhost:" + network.port() + " as ada.");
            ada.awaitOut("<bob> while you were away");
            ada.awaitOut("<cy> me too");
            assertThat(ada.countOut("<bob> before the drop")).isEqualTo(1);
            assertThat(ada.countOut("<bob> while you were away")).isEqualTo(1);
            // the replay holds ada's own "left (disconnect)": not news to ada
            assertThat(ada.out()).doesNotContain("* ada left").doesNotContain("* ada joined");

            ada.awaitOut("Sent the 2 lines typed while offline.");
            send(server, "bob", "after the return");
            ada.awaitOut("<bob> after the return");
            ada.type("you're back");
            await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> assertThat(history(server))
                    .contains("<ada> you're back"));
            String history = history(server);
            assertThat(history.indexOf("<ada> typed while away")).isPositive()
                    .isLessThan(history.indexOf("<ada> and this too"));
            assertThat(history.indexOf("<ada> and this too")).isLessThan(history.indexOf("<bob> after the return"));
        }
    }

    @Test
    void aRestartedServerIsFoundAgainOnItsPort() throws Exception {
        Path data = dir.resolve("server");
        TestServer server = TestServer.start(data);
        int port = server.port();
        try (ClientProcess eve = ClientProcess.start(dir.resolve("eve"), "--port=" + port, "--user=eve",
                "--downloads=" + dir.resolve("eve/downloads"))) {
            eve.awaitOut("Connected to localhost:" + port + " as eve.");
            send(server, "fay", "before the restart");
            eve.awaitOut("<fay> before the restart");

            server.close();
            eve.awaitErr("the server is shutting down");
            server = TestServer.start(data, port);

            eve.awaitOut("Reconnected to localhost:" + port + " as eve.");
            send(server, "fay", "after the restart");
            eve.awaitOut("<fay> after the restart");
            assertThat(eve.countOut("<fay> before the restart")).isEqualTo(1);
            assertThat(eve.out()).doesNotContain("* eve joined").doesNotContain("* eve left");

            eve.type("/exit");
            assertThat(eve.waitFor()).isZero();
        } finally {
            server.close();
        }
    }

    private void send(TestServer server, String user, String text) throws Exception {
        ClientProcess.Result sent = ClientProcess.run(dir.resolve(user), "--port=" + server.port(), "--user=" + user,
                "send", text);
        assertThat(sent.status()).as(sent.err()).isZero();
    }

    private String history(TestServer server) throws Exception {
        return ClientProcess.run(dir.resolve("reader"), "--port=" + server.port(), "--user=reader", "history", "50")
                .out();
    }
}
