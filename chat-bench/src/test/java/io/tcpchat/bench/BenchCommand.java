package io.tcpchat.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs chat-bench's command line against a server on {@code port}, with {@code --json}. */
final class BenchCommand {

    /** The exit status and the JSON result of one run. */
    record Run(int exit, JsonNode result, String stderr) {

        long figure(String key) {
            JsonNode value = result.get("results").get(key);
            assertThat(value).as("figure %s in %s", key, result).isNotNull();
            return value.asLong();
        }

        double decimal(String key) {
            return result.get("results").get(key).asDouble();
        }

        JsonNode problems() {
            return result.get("problems");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BenchCommand() {
    }

    static Run run(int port, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--port", String.valueOf(port), "--json", "--timeout", "60"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ChatBench.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stdout).as("stdout; stderr was:%n%s", stderr).isNotBlank();
        return new Run(exit, JSON.readTree(stdout), stderr);
    }
}
