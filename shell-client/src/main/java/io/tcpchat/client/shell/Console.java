package io.tcpchat.client.shell;

import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.client.session.SessionView;
import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;

import java.io.PrintWriter;
import java.util.function.Supplier;

/**
 * Everything the client prints goes through here: events from the server (above the prompt
 * when a person types), command results, errors, progress. Two kinds: {@link TerminalConsole}
 * for a terminal, {@link PlainConsole} for pipes, files and scripts.
 */
public abstract class Console implements SessionView {

    protected final EventRenderer renderer;
    protected final Supplier<String> me;
    /** Show events nobody asked for (off for one-shot commands: a script wants only its answer). */
    protected volatile boolean showIncoming = true;

    protected Console(EventRenderer renderer, Supplier<String> me) {
        this.renderer = renderer;
        this.me = me;
    }

    public EventRenderer renderer() {
        return renderer;
    }

    public void showIncoming(boolean show) {
        this.showIncoming = show;
    }

    /** A command's result. */
    public abstract void print(AttributedString line);

    /** A command's failure, in plain words. */
    public abstract void printError(String text);

    /** A transient line showing progress; replaced by the next call, removed by {@link #endProgress}. */
    public abstract void progress(String line);

    public abstract void endProgress();

    /** Whether a person is typing at a terminal (prompts, progress bars, colours are possible). */
    public abstract boolean isTerminal();

    /** Where Spring Shell commands write their result. */
    public abstract PrintWriter writer();

    /** Reads a secret without echo; {@code null} when nobody can type one. */
    public abstract String readSecret(String prompt);

    /** Shown when the connection state changes, and to be used as the prompt. */
    public String prompt(ConnectionState state, String user) {
        return switch (state) {
            case ONLINE -> user + "> ";
            case CONNECTING -> user + " (connecting)> ";
            case RECONNECTING -> user + " (reconnecting)> ";
            case OFFLINE, CLOSED -> "(offline)> ";
        };
    }

    // ---------------------------------------------------------------- SessionView

    @Override
    public void show(ServerEvent.Stored event) {
        if (showIncoming) {
            emit(renderer.render(event, me.get()), false);
        }
    }

    @Override
    public void info(String text) {
        if (showIncoming) {
            emit(renderer.info(text), false);
        }
    }

    @Override
    public void warn(String text) {
        emit(renderer.error(text), true);
    }

    @Override
    public void stateChanged(ConnectionState state, String detail) {
        if (detail == null) {
            return;
        }
        switch (state) {
            case OFFLINE -> emit(renderer.error(detail), true);
            case RECONNECTING -> emit(renderer.notice(detail), true);
            default -> {
                if (showIncoming) {
                    emit(renderer.notice(detail), false);
                }
            }
        }
    }

    /** Prints a line that was not asked for; {@code problem} lines go to stderr when plain. */
    protected abstract void emit(AttributedString line, boolean problem);
}
