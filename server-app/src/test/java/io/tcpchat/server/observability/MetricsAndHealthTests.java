package io.tcpchat.server.observability;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.FilesAccess;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A scripted session, then the numbers Prometheus would read; and what actuator exposes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0"})
class MetricsAndHealthTests {

    @DynamicPropertySource
    static void dir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tcp-chat-metrics");
        registry.add("chat.files.dir", dir::toString);
    }

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    Environment env;
    final HttpClient http = HttpClient.newHttpClient();

    String get(String path) throws Exception {
        return fetch(path).body();
    }

    HttpResponse<String> fetch(String path) throws Exception {
        String port = env.getProperty("local.management.port", env.getProperty("local.server.port"));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    Map<String, Double> metrics() throws Exception {
        return PrometheusScrape.parse(get("/actuator/prometheus"));
    }

    @Test
    void aScriptedSessionShowsInTheMetrics() throws Exception {
        int port = endpoint.port();
        long size = 300_000;
        var ada = TestClient.login(port, "ada");
        // events are published once committed: let ada's join go out before bob arrives,
        // so that bob does not see it live and the delivery count is exact
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> metrics().getOrDefault("chat_fanout_seconds_count", 0.0) >= 1.0);
        try (ada; var bob = TestClient.login(port, "bob")) {
            ada.await(ServerEvent.Joined.class);
            for (int i = 0; i < 3; i++) {
                ada.send(new ClientEvent.Send("m" + i, null, null));
                ada.await(ServerEvent.Ack.class);
            }
            bob.send(new ClientEvent.Send("", null, "bad"));
            bob.awaitError("bad_request");
            long file = FilesAccess.upload(ada, "f.bin", size);
            bob.await(ServerEvent.FileAvailable.class);
            FilesAccess.download(bob, file, size);
            bob.send(new ClientEvent.Bye(null));
            ada.await(ServerEvent.Left.class);

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Double> m = metrics();
                assertThat(m.get("chat_messages_received_total")).isEqualTo(3.0);
                // joined(bob) to ada, 3 messages and the file to bob, left(bob) to ada
                assertThat(m.get("chat_messages_delivered_total")).isEqualTo(6.0);
                assertThat(m.get("chat_errors_total{code=\"bad_request\"}")).isEqualTo(1.0);
                assertThat(m.get("chat_disconnects_total{reason=\"bye\"}")).isEqualTo(1.0);
                assertThat(m.get("chat_disconnects_total{reason=\"slow_consumer\"}")).isEqualTo(0.0);
                assertThat(m.get("chat_files_uploaded_total")).isEqualTo(1.0);
                assertThat(m.get("chat_file_bytes_uploaded_total")).isEqualTo((double) size);
                assertThat(m.get("chat_file_bytes_downloaded_total")).isEqualTo((double) size);
                assertThat(m.get("chat_file_store_bytes")).isEqualTo((double) size);
                assertThat(m.get("chat_connections_open")).isEqualTo(1.0);
                assertThat(m.get("chat_sessions_active")).isEqualTo(1.0);
                assertThat(m.get("chat_bytes_received_total")).isGreaterThan((double) size);
                assertThat(m.get("chat_bytes_sent_total")).isGreaterThan((double) size);
                assertThat(m.get("chat_outbox_bytes_count")).isPositive();
                // seven events stored: two joins, three messages, the file, bob's leave
                assertThat(m.get("chat_fanout_seconds_count")).isEqualTo(7.0);
                assertThat(m).containsKey("chat_fanout_seconds_bucket{le=\"+Inf\"}");
            });
        }
    }

    @Test
    void healthHasLivenessAndReadinessWithTheListenerAndNothingElseIsExposed() throws Exception {
        assertThat(get("/actuator/health/liveness")).contains("\"UP\"");
        assertThat(get("/actuator/health/readiness")).contains("\"UP\"");
        assertThat(get("/actuator/info")).contains("\"build\"");
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/configprops",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers"}) {
            assertThat(fetch(hidden).statusCode()).as(hidden).isEqualTo(404);
        }
        assertThat(get("/actuator/health")).doesNotContain("chat-protocol").doesNotContain("diskSpace");
    }
}
