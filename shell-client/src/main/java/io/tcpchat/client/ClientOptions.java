package io.tcpchat.client;

import java.nio.file.Path;
import java.util.List;

/**
 * What the user asked for at start: where to connect, as whom, where files go, and what to
 * run. Built by {@link ClientOptionsParser} from the command line, the environment and a
 * config file, in that order of precedence.
 *
 * @param password        {@code null} when none was given
 * @param askPassword     prompt for the password without echo before connecting
 * @param autoDownloadLimit files up to this many bytes are fetched on their own; 0 turns it off
 * @param tls             connect with TLS ({@code --tls}, or implied by {@code --truststore} / {@code --insecure})
 * @param command         the command words after the options (one-shot use), empty for a session
 * @param script          a file of commands to run, or {@code null}
 * @param problems        what was wrong with the options, in plain words; empty when all is well
 * @param timeFormat      how the time of an event is shown (a {@code DateTimeFormatter} pattern)
 * @param warnings        what is allowed but unwise (a password on the command line)
 * @param room            {@code --room}: where lines go (joined first if need be), or {@code null}
 * @param history         where typed lines are kept across sessions, or {@code null} for nowhere
 */
public record ClientOptions(
        String host,
        int port,
        String user,
        String password,
        boolean askPassword,
        Path downloads,
        long autoDownloadLimit,
        Color color,
        boolean reconnect,
        boolean tls,
        String truststore,
        String truststorePassword,
        boolean insecure,
        Path configFile,
        List<String> command,
        Path script,
        boolean help,
        boolean version,
        List<String> problems,
        String timeFormat,
        List<String> warnings,
        String room,
        Path history) {

    public enum Color { AUTO, ALWAYS, NEVER }

    public enum Mode {
        /** No command given: a person types; a prompt when stdin and stdout are a terminal. */
        SESSION,
        /** One command from the command line, then exit with its status. */
        ONE_SHOT,
        /** Commands from a file, stopping at the first that fails. */
        SCRIPT
    }

    public Mode mode() {
        if (script != null) {
            return Mode.SCRIPT;
        }
        return command.isEmpty() ? Mode.SESSION : Mode.ONE_SHOT;
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        // never print a password
        return "ClientOptions[host=" + host + ", port=" + port + ", user=" + user
                + ", password=" + (password == null ? null : "***") + ", tls=" + tls + ", downloads=" + downloads
                + ", autoDownloadLimit=" + autoDownloadLimit + ", command=" + command + ", script=" + script
                + ", problems=" + problems + "]";
    }
}
