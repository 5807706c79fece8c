package io.tcpchat.client.shell;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

/** The question before a long paste goes out as one message. */
final class PasteCheck {

    private PasteCheck() {
    }

    /** Lines of a paste past which the client asks before sending them as one message. */
    static final int PASTE_CONFIRM = 5;

    /**
     * A paste of several lines arrives as one line with line feeds and goes out as one message;
     * past {@value #PASTE_CONFIRM} lines the client asks first (a paste into the wrong window is
     * easy, and everyone would get it).
     */
    static boolean confirmed(String line, LineReader reader, Console console) {
        String text = line.strip();
        long lines = text.lines().count();
        if (lines <= PASTE_CONFIRM || text.startsWith("/") && !text.startsWith("//")) {
            return true;
        }
        String answer;
        try {
            answer = reader.readLine("Send these " + lines + " lines as one message? [y/N] ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        }
        if (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes")) {
            return true;
        }
        console.info("Not sent.");
        return false;
    }
}
