package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README documents exactly the scenarios {@code --help} lists and, for each, exactly the
 * options its parser takes: an option added without a row, or a row for an option the parser
 * rejects, fails.
 */
class ReadmeTests {

    private static final Pattern ROW = Pattern.compile("(?m)^\\| `--([a-z][a-z-]*)");

    @Test
    void everyScenarioInTheHelpHasASectionAndNoOther() throws IOException {
        Set<String> readme = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^### ([a-z-]+)$").matcher(section(readme(), "## Scenarios", "\n## "));
        while (heading.find()) {
            readme.add(heading.group(1));
        }
        assertThat(readme).isEqualTo(helpScenarios()).isNotEmpty();
    }

    @Test
    void eachScenariosOptionTablesNameExactlyItsOptions() throws IOException {
        String readme = readme();
        Set<String> common = rows(section(readme, "## Options every scenario takes", "\n## "));
        for (String scenario : helpScenarios()) {
            Set<String> documented = new TreeSet<>(common);
            documented.addAll(rows(section(readme, "### " + scenario + "\n", "\n##")));
            Set<String> parsed = new TreeSet<>();
            ChatBench.specs(scenario).forEach(s -> parsed.add(s.name()));
            assertThat(documented).as("options of %s in the README", scenario).isEqualTo(parsed);
        }
    }

    /** The scenarios {@code chat-bench --help} lists: lines "  name   what it does". */
    private static Set<String> helpScenarios() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChatBench.run(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        Set<String> names = new TreeSet<>();
        Matcher line = Pattern.compile("(?m)^  ([a-z-]+) {2,}").matcher(out.toString(StandardCharsets.UTF_8));
        while (line.find()) {
            names.add(line.group(1));
        }
        return names;
    }

    private static Set<String> rows(String text) {
        Set<String> names = new TreeSet<>();
        Matcher row = ROW.matcher(text);
        while (row.find()) {
            names.add(row.group(1));
        }
        return names;
    }

    private static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as("README section %s", from.strip()).isNotNegative();
        int end = text.indexOf(to, start + from.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static String readme() throws IOException {
        // surefire runs in the module's folder
        return Files.readString(Path.of("README.md"));
    }
}
