package io.tcpchat.client.shell;

import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.protocol.ServerEvent;
import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * A person at a terminal. Lines that arrive while they type are printed above the prompt
 * ({@link LineReader#printAbove}), so the half-typed line stays as it was; transfers in the
 * background keep their progress in a status line at the bottom ({@link #status}).
 */
public final class TerminalConsole extends Console {

    private final LineReader reader;
    private final Terminal terminal;
    private final boolean color;
    private volatile String promptText = "> ";
    private volatile ConnectionState lastState = ConnectionState.OFFLINE;
    private Status status;

    public TerminalConsole(EventRenderer renderer, Supplier<String> me, LineReader reader, boolean color) {
        super(renderer, me);
        this.reader = reader;
        this.terminal = reader.getTerminal();
        this.color = color;
    }

    /** The prompt for the next {@code readLine}, styled for this terminal. */
    public String currentPrompt() {
        return promptText;
    }

    /** Changes the prompt, also while a line is being typed. */
    public void updatePrompt(ConnectionState state, String user) {
        lastState = state;
        String plain = prompt(state, user);
        AttributedStyle style = switch (state) {
            case ONLINE -> AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
            case CONNECTING, RECONNECTING -> AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
            case OFFLINE, CLOSED -> AttributedStyle.BOLD.foreground(AttributedStyle.RED);
        };
        promptText = text(new AttributedString(plain, style));
        if (reader instanceof LineReaderImpl impl) {
            impl.setPrompt(promptText); // shown at the next redisplay
        }
    }

    @Override
    public void stateChanged(ConnectionState state, String detail) {
        updatePrompt(state, me.get());
        super.stateChanged(state, detail); // printing above the prompt redraws it, new state included
    }

    /** The room or an unread count changed: the prompt says so at once, not at the next key. */
    @Override
    public void roomsChanged() {
        updatePrompt(lastState, me.get());
        if (reader.isReading() && reader instanceof LineReaderImpl impl) {
            impl.redisplay();
        }
    }

    @Override
    public void elsewhere(String room, ServerEvent.Stored event) {
        roomsChanged();
        super.elsewhere(room, event);
        if (showIncoming && renderer.wantsAttention(event, me.get())) {
            bell();
        }
    }

    private synchronized void bell() {
        terminal.puts(InfoCmp.Capability.bell); // the terminal decides: a beep, a flash, a badge
        terminal.flush();
    }

    @Override
    public void show(ServerEvent.Stored event) {
        super.show(event);
        if (showIncoming && renderer.wantsAttention(event, me.get())) {
            bell();
        }
    }

    @Override
    public void print(AttributedString line) {
        emit(line, false);
    }

    @Override
    public void printError(String text) {
        emit(renderer.error(text), true);
    }

    @Override
    public synchronized void status(List<String> lines) {
        if (status == null) {
            status = Status.getStatus(terminal); // null where the terminal cannot keep a line apart
        }
        if (status != null) {
            int columns = Math.max(20, terminal.getWidth() - 1);
            status.update(lines.stream().map(SafeText::plain) // a file name someone else chose
                    .map(l -> new AttributedString(l.length() > columns ? l.substring(0, columns) : l,
                            EventRenderer.PRESENCE))
                    .toList());
        }
    }

    @Override
    public boolean isTerminal() {
        return true;
    }

    @Override
    public PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public String readSecret(String prompt) {
        try {
            return reader.readLine(prompt, LineReaderImpl.NULL_MASK);
        } catch (RuntimeException e) {
            return null; // Ctrl-C or Ctrl-D: no password
        }
    }

    @Override
    protected void emit(AttributedString line, boolean problem) {
        String text = text(line);
        if (reader.isReading()) {
            // JLine's own lock orders these; holding ours too could deadlock with a key widget
            // (room switch) that holds JLine's lock and prints
            reader.printAbove(text);
            return;
        }
        printLine(text);
    }

    private synchronized void printLine(String text) {
        terminal.writer().println(text);
        terminal.flush();
    }

    private String text(AttributedString line) {
        return color ? line.toAnsi(terminal) : line.toString();
    }
}
