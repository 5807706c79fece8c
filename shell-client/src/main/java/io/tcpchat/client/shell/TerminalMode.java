package io.tcpchat.client.shell;

/**
 * Whether a person types at a terminal: stdin and stdout are both a terminal and no command
 * was given. Decided once at start, because JLine's terminal is built from it.
 */
public record TerminalMode(boolean interactive) {

    /** This process's stdin and stdout are a terminal. */
    public static boolean attached() {
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
