package io.tcpchat.server.observability;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.server.accounts.AuthCounter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh server, before any client, as Prometheus scrapes it: every labelled counter the
 * alerts select on exists at 0 for every label value (so rate() and increase() see the first
 * error instead of a series that appears out of nowhere), and the gauges the alerts on
 * readiness and disk space read are there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0"})
class MetricsAtStartTests {

    // a context of its own (not the one MetricsAndHealthTests fills with traffic)
    @DynamicPropertySource
    static void dir(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tcp-chat-metrics-start");
        registry.add("chat.files.dir", dir::toString);
    }

    @Autowired
    Environment env;
    @Autowired
    ApplicationContext context;

    Map<String, Double> scrape() throws Exception {
        String port = env.getProperty("local.management.port", env.getProperty("local.server.port"));
        String body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return PrometheusScrape.parse(body);
    }

    @Test
    void everyErrorDisconnectAndAuthFailureSeriesIsThereAtZero() throws Exception {
        Map<String, Double> m = scrape();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(m).containsEntry(series("chat_errors_total", "code", code.wire()), 0.0);
        }
        for (LeaveReason reason : LeaveReason.values()) {
            assertThat(m).containsEntry(series("chat_disconnects_total", "reason", reason.wire()), 0.0);
        }
        for (AuthCounter.Failure reason : AuthCounter.Failure.values()) {
            assertThat(m).containsEntry(series("chat_auth_failures_total", "reason", reason.wire()), 0.0);
        }
        assertThat(m).containsEntry("chat_auth_lockouts_total", 0.0);
    }

    @Test
    void readinessAndTheDataVolumeAreGauges() throws Exception {
        Map<String, Double> m = scrape();
        assertThat(m).containsEntry("chat_ready", 1.0);
        assertThat(m.get("chat_data_disk_total_bytes")).isPositive();
        assertThat(m.get("chat_data_disk_free_bytes")).isPositive()
                .isLessThanOrEqualTo(m.get("chat_data_disk_total_bytes"));
    }

    @Test
    void theReadinessGaugeFollowsTheReadinessProbe() throws Exception {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            assertThat(scrape()).containsEntry("chat_ready", 0.0);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(scrape()).containsEntry("chat_ready", 1.0);
    }

    static String series(String name, String label, String value) {
        return name + "{" + label + "=\"" + value + "\"}";
    }
}
