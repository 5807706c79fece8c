package io.tcpchat.server.history;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ServerProcesses;
import io.tcpchat.server.TestClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the server process (SIGKILL, no clean stop) in the middle of a load of
 * acknowledged messages, starts it again on the same database, and finds every
 * acknowledged event, in order, by since-replay.
 */
class RestartSurvivalTests {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesAKillOnH2() throws Exception {
        survivesKill("jdbc:h2:file:" + dir.resolve("history") + ";WRITE_DELAY=0", "sa");
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKillOnPostgres() throws Exception {
        String schema = Databases.postgresSchema();
        try {
            Databases.postgres(schema); // create and migrate the schema
            survivesKill(Databases.postgresUrl(schema), Databases.POSTGRES_USER);
        } finally {
            Databases.dropPostgres(schema);
        }
    }

    private void survivesKill(String url, String user) throws Exception {
        int port = ServerProcesses.freePort();
        // seq -> text of every message the server acknowledged
        Map<Long, String> acked = new ConcurrentSkipListMap<>();
        Process first = start(url, user, port);
        try {
            ServerProcesses.awaitListening(first, port);
            try (var writer = TestClient.login(port, "writer"); var reader = TestClient.login(port, "reader")) {
                AtomicInteger sent = new AtomicInteger();
                List<String> texts = new ArrayList<>();
                writer.listen(e -> {
                    if (e instanceof ServerEvent.Ack a && a.seq() != null) {
                        acked.put(a.seq(), a.ref());
                    }
                });
                Thread load = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 0; i < 1_000_000; i++) {
                            writer.send(new ClientEvent.Send("m" + i, null, "m" + i));
                            sent.incrementAndGet();
                        }
                    } catch (IOException stopped) {
                        // the server was killed under us
                    }
                });
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 1000);
                first.destroyForcibly(); // SIGKILL, mid-load
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
                load.join(Duration.ofSeconds(30));
                assertThat(sent.get()).as("the load was still running when the server died").isGreaterThan(acked.size());
            }
        } finally {
            first.destroyForcibly();
        }

        Process second = start(url, user, port);
        try {
            ServerProcesses.awaitListening(second, port);
            try (var back = TestClient.connect(port)) {
                back.send(new ClientEvent.Hello(1, "reader", null, null, 0L, null));
                back.await(ServerEvent.Welcome.class);
                Map<Long, String> replayed = new TreeMap<>();
                long last = 0;
                while (replayed.size() < acked.size() || !replayed.keySet().containsAll(acked.keySet())) {
                    ServerEvent e = back.next();
                    if (e instanceof ServerEvent.Joined j && j.user().equals("reader") && j.seq() > acked.keySet()
                            .stream().mapToLong(Long::longValue).max().orElse(0)) {
                        break; // our own join in the new run: the replay is over
                    }
                    if (e instanceof ServerEvent.Stored s) {
                        assertThat(s.seq()).as("replay in seq order").isGreaterThan(last);
                        last = s.seq();
                    }
                    if (e instanceof ServerEvent.ChatMessage m) {
                        replayed.put(m.seq(), m.text());
                    }
                }
                for (var entry : acked.entrySet()) {
                    assertThat(replayed.get(entry.getKey())).as("acknowledged seq %d", entry.getKey())
                            .isEqualTo(entry.getValue());
                }
            }
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(String url, String user, int port) throws IOException {
        return ServerProcesses.start(dir.resolve("server.log"), "--chat.port=" + port, "--management.server.port=0",
                "--chat.limits.rate=0", "--chat.files.dir=" + dir.resolve("files"), "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + user);
    }
}
