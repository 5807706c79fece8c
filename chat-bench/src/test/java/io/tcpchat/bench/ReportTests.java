package io.tcpchat.bench;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

    @Test
    void aTableAlignsFiguresAndListsProblems() {
        Report report = new Report("fanout")
                .add("clients", "clients", 10)
                .add("deliveries_per_sec", "deliveries", 12345.678, "msgs/s")
                .add("latency_p50_us", "latency p50", 87.25, "µs");
        assertThat(report.ok()).isTrue();
        assertThat(report.table()).isEqualTo("""
                chat-bench fanout: OK
                  clients       10
                  deliveries    12346 msgs/s
                  latency p50   87.25 µs
                """);
        report.problem("3 deliveries lost");
        assertThat(report.ok()).isFalse();
        assertThat(report.table()).startsWith("chat-bench fanout: FAILED").endsWith("problems:\n  - 3 deliveries lost\n");
    }

    @Test
    void jsonCarriesTheVerdictTheProblemsAndEveryFigure() {
        Report report = new Report("files").add("size_bytes", "file size", 1048576L, "bytes")
                .add("upload_mib_per_sec", "upload", 123.45678, "MiB/s");
        report.problem("checksum");
        JsonNode json = JsonMapper.builder().build().readTree(report.json());
        assertThat(json.get("scenario").asString()).isEqualTo("files");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).asString()).isEqualTo("checksum");
        assertThat(json.get("results").get("size_bytes").asLong()).isEqualTo(1048576L);
        assertThat(json.get("results").get("upload_mib_per_sec").asDouble()).isEqualTo(123.457);
        assertThat(report.value("size_bytes")).isEqualTo(1048576L);
    }
}
