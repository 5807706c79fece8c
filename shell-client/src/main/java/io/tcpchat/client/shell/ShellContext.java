package io.tcpchat.client.shell;

/**
 * What commands share with the loop that runs them: where to print (decided at start, once
 * it is known whether a person is at a terminal) and whether to stop.
 */
public final class ShellContext {

    private volatile Console console;
    private volatile boolean exitRequested;

    public Console console() {
        Console c = console;
        if (c == null) {
            throw new IllegalStateException("no console yet");
        }
        return c;
    }

    void use(Console newConsole) {
        this.console = newConsole;
    }

    /** {@code exit} was typed: the loop ends after this command. */
    public void requestExit() {
        exitRequested = true;
    }

    public boolean exitRequested() {
        return exitRequested;
    }
}
