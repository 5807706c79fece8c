package io.tcpchat.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the package-by-feature structure of docs/architecture.md: which feature may use
 * which, and no cycles between features. Read from the sources' imports.
 */
class PackageDependencyTests {

    private static final Path MAIN = Path.of("src/main/java/io/tcpchat/server");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.tcpchat\\.server\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** What each feature may use; the root package (configuration shared by all) is free. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("history", Set.of()),
            Map.entry("accounts", Set.of()),
            Map.entry("session", Set.of("history", "accounts")),
            Map.entry("rooms", Set.of("session", "history", "accounts")),
            Map.entry("chat", Set.of("session", "history", "rooms")),
            Map.entry("files", Set.of("session", "history", "chat", "rooms")),
            Map.entry("requests", Set.of("session", "history", "chat", "files", "accounts", "rooms")),
            Map.entry("observability", Set.of("session", "history", "chat", "files", "accounts", "tcp")),
            Map.entry("tcp", Set.of("session", "history", "chat", "files", "accounts", "requests")),
            Map.entry("irc", Set.of("session", "history", "requests", "rooms")),
            Map.entry("cluster", Set.of("history", "session", "accounts")),
            Map.entry("web", Set.of("session", "history", "files", "requests")));

    @Test
    void featuresUseOnlyWhatTheArchitectureAllows() throws IOException {
        Map<String, Set<String>> uses = uses();
        assertThat(uses.get("tcp")).as("the import scan sees tcp's imports").contains("session", "requests");
        assertThat(uses.get("web")).as("the import scan sees web's imports").contains("session", "requests", "files");
        assertThat(uses.keySet()).as("every feature package has a rule").isSubsetOf(ALLOWED.keySet());
        uses.forEach((feature, used) -> assertThat(used).as("what %s uses", feature).isSubsetOf(ALLOWED.get(feature)));
    }

    @Test
    void theAllowedGraphHasNoCycles() {
        for (String start : ALLOWED.keySet()) {
            assertThat(reaches(start, start, new TreeSet<>())).as("a cycle through %s", start).isFalse();
        }
    }

    private static boolean reaches(String from, String target, Set<String> seen) {
        for (String next : ALLOWED.get(from)) {
            if (next.equals(target) || seen.add(next) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Set<String>> uses() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the root package
                }
                String feature = relative.getName(0).toString();
                Matcher m = IMPORT.matcher(Files.readString(file));
                Set<String> used = uses.computeIfAbsent(feature, k -> new TreeSet<>());
                while (m.find()) {
                    if (!m.group(1).equals(feature)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return uses;
    }
}
