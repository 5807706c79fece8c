package io.tcpchat.client.shell;

import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Lines without cursor tricks, for pipes, files, scripts and one-shot commands: results and
 * events on stdout, problems on stderr, colours only when asked for ({@code --color=always}).
 */
public final class PlainConsole extends Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private final PrintWriter writer;
    private final BufferedReader secrets;

    /** @param secrets where a password may be read from (a line of stdin), or {@code null} */
    public PlainConsole(EventRenderer renderer, Supplier<String> me, PrintStream out, PrintStream err, boolean color,
                        BufferedReader secrets) {
        super(renderer, me);
        this.out = out;
        this.err = err;
        this.color = color;
        this.writer = new PrintWriter(out, true);
        this.secrets = secrets;
    }

    /**
     * Nobody switches rooms in a pipe or a log: a line of another room is printed at once,
     * marked with its room ({@code [#ops] <bob> hi}).
     */
    @Override
    public void elsewhere(String room, ServerEvent.Stored event) {
        if (showIncoming) {
            emit(render(event), false);
        }
    }

    @Override
    public synchronized void print(AttributedString line) {
        out.println(text(line));
        out.flush();
    }

    @Override
    public synchronized void printError(String text) {
        err.println(text(renderer.error(text)));
        err.flush();
    }

    @Override
    public boolean isTerminal() {
        return false;
    }

    @Override
    public PrintWriter writer() {
        return writer;
    }

    @Override
    public String readSecret(String prompt) {
        java.io.Console terminal = System.console();
        if (terminal != null && terminal.isTerminal()) {
            char[] typed = terminal.readPassword("%s", prompt); // a one-shot command typed at a terminal
            return typed == null ? null : new String(typed);
        }
        if (secrets == null) {
            return null;
        }
        try {
            return secrets.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    protected synchronized void emit(AttributedString line, boolean problem) {
        PrintStream target = problem ? err : out;
        target.println(text(line));
        target.flush();
    }

    private String text(AttributedString line) {
        return color ? line.toAnsi() : line.toString();
    }
}
