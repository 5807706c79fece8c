package io.tcpchat.client.shell;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * Typed lines kept across sessions in a file ({@code --history}), for the arrow keys and
 * Ctrl-R. The file is the user's alone (mode 600: it holds their messages), and a line that
 * carries a password ({@code /register --password …}, {@code /connect --password …}) is never
 * written.
 */
final class InputHistory extends DefaultHistory {

    @Override
    public void add(Instant time, String line) {
        if (line != null && line.contains("--password")) {
            return;
        }
        super.add(time, line);
    }

    /** Reads the lines kept in {@code file} and keeps each new one there; a problem is returned, not thrown. */
    static String install(LineReaderImpl reader, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException | RuntimeException e) {
            return "Typed lines are not kept: cannot use " + file + " (" + e.getMessage() + ").";
        }
        reader.variable(LineReader.HISTORY_FILE, file);
        reader.variable(LineReader.HISTORY_FILE_SIZE, 1000);
        InputHistory history = new InputHistory();
        reader.setHistory(history);
        history.attach(reader); // loads the file; each line is appended as it is typed
        return null;
    }
}
