package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The files scenario against {@link FakeFileServer}, a stand-in that keeps files in memory. */
class FilesScenarioTests {

    private static Report run(FakeFileServer server, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--port", String.valueOf(server.port()), "--quiet", "--timeout", "30"));
        Options options = Options.parse(ChatBench.specs("files"), all);
        return new FilesScenario(BenchSettings.from(options), FilesScenario.Config.from(options),
                new PrintStream(new ByteArrayOutputStream())).run();
    }

    @Test
    void everyReceiverGetsTheFileInChunksAndVerifiesIt() throws Exception {
        try (FakeFileServer server = new FakeFileServer(false)) {
            // not a whole number of chunks, so the last D frame is short
            Report report = run(server, "--size-mb", "0.3", "--receivers", "3", "--seed", "5");

            assertThat(report.problems()).isEmpty();
            assertThat(report.value("size_bytes")).isEqualTo(314573L);
            assertThat(report.value("downloads_done")).isEqualTo(3);
            assertThat(report.value("sha256_verified")).isEqualTo(3L);
            assertThat(report.value("sha256")).isEqualTo(new RandomContent(5).sha256(314573));
            assertThat((double) report.value("upload_mib_per_sec")).isPositive();
            assertThat((double) report.value("download_mib_per_sec_total")).isPositive();
        }
    }

    @Test
    void anEmptyFileNeedsNoDataFrames() throws Exception {
        try (FakeFileServer server = new FakeFileServer(false)) {
            Report report = run(server, "--size-mb", "0", "--receivers", "1");

            assertThat(report.problems()).isEmpty();
            assertThat(report.value("sha256_verified")).isEqualTo(1L);
        }
    }

    @Test
    void aCorruptedDownloadFailsTheRun() throws Exception {
        try (FakeFileServer server = new FakeFileServer(true)) {
            Report report = run(server, "--size-mb", "0.1", "--receivers", "2");

            assertThat(report.ok()).isFalse();
            assertThat(report.value("sha256_verified")).isEqualTo(0L);
            assertThat(report.problems()).anyMatch(p -> p.contains("SHA-256"));
        }
    }
}
