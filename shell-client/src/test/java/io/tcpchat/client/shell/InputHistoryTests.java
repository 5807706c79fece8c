package io.tcpchat.client.shell;

import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed lines across sessions: kept in a file of the user's alone, never one with a password. */
class InputHistoryTests {

    @TempDir
    Path dir;

    LineReaderImpl reader() throws Exception {
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).type("dumb")
                .streams(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream()).build();
        return (LineReaderImpl) LineReaderBuilder.builder().terminal(terminal).build();
    }

    @Test
    void linesOutliveTheSessionAndPasswordsNeverReachTheFile() throws Exception {
        Path file = dir.resolve("state/tcp-chat/history");
        LineReaderImpl first = reader();
        assertThat(InputHistory.install(first, file)).isNull();
        first.getHistory().add(Instant.now(), "hello there");
        first.getHistory().add(Instant.now(), "/register --password hunter2");
        first.getHistory().add(Instant.now(), "/who");

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).contains("hello there").contains("/who").doesNotContain("hunter2");

        LineReader second = reader();
        InputHistory.install((LineReaderImpl) second, file);
        assertThat(second.getHistory()).extracting(e -> e.line()).containsExactly("hello there", "/who");
    }

    @Test
    void aFileThatCannotBeWrittenIsSaidNotThrown() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");
        assertThat(InputHistory.install(reader(), dir.resolve("plain/history"))).startsWith("Typed lines are not kept");
    }
}
