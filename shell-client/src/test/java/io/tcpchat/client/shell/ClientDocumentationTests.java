package io.tcpchat.client.shell;

import io.tcpchat.client.ClientOptionsParser;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.annotation.Command;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and {@code --help} name exactly the options and commands the code has, both ways:
 * an option added without a word in either, or one documented that the parser rejects, fails.
 */
class ClientDocumentationTests {

    /** {@code --name}, not Spring Boot's {@code --logging.level…}. */
    static final Pattern OPTION = Pattern.compile("(?<![\\w-])--([a-z][a-z-]*[a-z])(?![\\w.-])");

    @Test
    void readmeOptionsAreTheParsersOptions() throws IOException {
        assertThat(options(section(readme(), "## Options", "## Commands")))
                .isEqualTo(ClientOptionsParser.optionNames());
    }

    @Test
    void helpOptionsAreTheParsersOptions() {
        assertThat(options(section(Usage.TEXT, "Options", "Commands:")))
                .isEqualTo(ClientOptionsParser.optionNames());
    }

    @Test
    void readmeAndHelpNameEveryCommandAndNoOther() throws IOException {
        Set<String> code = commands();
        assertThat(new TreeSet<>(ClientOptionsParser.COMMANDS)).isEqualTo(code);

        // the README's table: first column, words in backticks at its start
        Set<String> readme = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (.*?) \\|").matcher(section(readme(), "## Commands", "## In a"));
        while (row.find()) {
            Matcher word = Pattern.compile("`([a-z]+)[ `]").matcher(row.group(1));
            while (word.find()) {
                readme.add(word.group(1));
            }
        }
        readme.remove("command"); // the header
        assertThat(readme).isEqualTo(code);

        Set<String> help = new TreeSet<>();
        String text = section(Usage.TEXT, "Commands:", "In a").replace("Commands:", "").replace("Rooms:", "");
        for (String part : text.split("[·\n]")) {
            Matcher first = Pattern.compile("^\\s*([a-z]+)").matcher(part);
            if (first.find()) {
                help.add(first.group(1));
            }
            Matcher alias = Pattern.compile("\\(([a-z]+)\\)").matcher(part);
            while (alias.find()) {
                help.add(alias.group(1));
            }
        }
        assertThat(help).isEqualTo(code);
    }

    /** Names and aliases of the {@code @Command} methods, and Spring Shell's own {@code clear}. */
    static Set<String> commands() {
        Set<String> names = new TreeSet<>(Set.of("clear"));
        for (Method m : java.util.stream.Stream.of(ChatCommands.class, RoomCommands.class)
                .flatMap(c -> Arrays.stream(c.getDeclaredMethods())).toList()) {
            Command c = m.getAnnotation(Command.class);
            if (c != null) {
                names.addAll(Arrays.asList(c.name()));
                names.addAll(Arrays.asList(c.alias()));
            }
        }
        return names;
    }

    static Set<String> options(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = OPTION.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String section(String text, String from, String to) {
        int start = text.indexOf(from);
        int end = text.indexOf(to, start + from.length());
        assertThat(start).as("'" + from + "' in the text").isNotNegative();
        assertThat(end).as("'" + to + "' after '" + from + "'").isPositive();
        return text.substring(start, end);
    }

    static String readme() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8); // tests run in shell-client/
    }
}
