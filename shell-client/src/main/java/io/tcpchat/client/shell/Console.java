package io.tcpchat.client.shell;

import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.client.rooms.RoomsState;
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
    /** The rooms, for the prompt and for marking lines of another room; {@code null}: none. */
    protected volatile RoomsState rooms;

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

    public void useRooms(RoomsState state) {
        this.rooms = state;
    }

    /** The current room, or {@code null} when the server has no rooms. */
    protected String here() {
        RoomsState r = rooms;
        return r != null && r.enabled() ? r.current() : null;
    }

    /** A stored event as this console shows it: in the current room, for this user. */
    public AttributedString render(ServerEvent.Stored event) {
        return renderer.render(event, me.get(), here());
    }

    /** A command's result. */
    public abstract void print(AttributedString line);

    /** A command's failure, in plain words. */
    public abstract void printError(String text);


    /**
     * Transfers running in the background, one line each, at the bottom of a terminal; an empty
     * list removes them. Nothing where there is no terminal.
     */
    public void status(java.util.List<String> lines) {
    }

    /** Whether a person is typing at a terminal (prompts, progress bars, colours are possible). */
    public abstract boolean isTerminal();

    /** Where Spring Shell commands write their result. */
    public abstract PrintWriter writer();

    /** Reads a secret without echo; {@code null} when nobody can type one. */
    public abstract String readSecret(String prompt);

    /** Shown when the connection state changes, and to be used as the prompt. */
    public String prompt(ConnectionState state, String user) {
        RoomsState r = rooms;
        String label = r == null ? "" : r.label();
        String where = user + (label.isEmpty() ? "" : " " + label);
        return switch (state) {
            case ONLINE -> where + "> ";
            case CONNECTING -> where + " (connecting)> ";
            case RECONNECTING -> where + " (reconnecting)> ";
            case OFFLINE, CLOSED -> "(offline)> ";
        };
    }

    // ---------------------------------------------------------------- SessionView

    @Override
    public void show(ServerEvent.Stored event) {
        if (showIncoming) {
            emit(render(event), false);
        }
    }

    /** A line naming you in another room is pointed out: {@code [#ops] bob mentioned you}. */
    @Override
    public void elsewhere(String room, ServerEvent.Stored event) {
        if (showIncoming && event instanceof ServerEvent.ChatMessage m && renderer.wantsAttention(m, me.get())) {
            emit(renderer.mentioned(room, m), false);
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
