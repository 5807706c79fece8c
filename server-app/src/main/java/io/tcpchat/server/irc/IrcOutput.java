package io.tcpchat.server.irc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What an IRC connection writes, from its reader and its session's writer, under one lock.
 * Lines for a registered client wait until the registration burst is out (a login can
 * complete on the writer, while CAP negotiation still holds the burst back on the reader).
 * The writer renders a batch of frames into lines gathered between {@link #beginBatch} and
 * {@link #endBatch} and written in one go, as CHAT/1 connections get a batch of frames.
 */
final class IrcOutput {

    private static final Logger log = LoggerFactory.getLogger(IrcOutput.class);
    /** Lines kept for a client that has not finished registering; past this they are dropped. */
    private static final int MAX_HELD = 10_000;

    private final Consumer<byte[]> socket;
    private final Runnable onFailure;
    private final IrcMetrics metrics;
    private final Object lock = new Object();
    private final List<String> held = new ArrayList<>();
    private final List<String> batch = new ArrayList<>();
    private volatile Thread batching;
    private volatile boolean registered;
    private volatile boolean closed;

    IrcOutput(Consumer<byte[]> socket, Runnable onFailure, IrcMetrics metrics) {
        this.socket = socket;
        this.onFailure = onFailure;
        this.metrics = metrics;
    }

    boolean registered() {
        return registered;
    }

    /** Writes nothing more: the socket is closing. */
    void close() {
        closed = true;
    }

    /** Lines that may go before registration ends (CAP, SASL, errors about NICK, PONG, ERROR). */
    void sendNow(List<String> lines) {
        if (batching == Thread.currentThread()) {
            endBatch(); // what was rendered before goes first
            beginBatch();
        }
        synchronized (lock) {
            write(lines);
        }
    }

    /** Lines for a registered client: held until its registration burst is out. */
    void send(List<String> lines) {
        if (batching == Thread.currentThread()) {
            batch.addAll(lines);
            return;
        }
        synchronized (lock) {
            if (registered) {
                write(lines);
            } else if (held.size() < MAX_HELD) {
                held.addAll(lines);
            }
        }
    }

    void beginBatch() {
        batching = Thread.currentThread();
    }

    void endBatch() {
        batching = null;
        if (!batch.isEmpty()) {
            List<String> lines = List.copyOf(batch);
            batch.clear();
            send(lines);
        }
    }

    /** Writes the registration burst, then what waited for it; false if registered already. */
    boolean register(Supplier<List<String>> burst) {
        synchronized (lock) {
            if (registered) {
                return false;
            }
            write(burst.get());
            registered = true;
            write(held);
            held.clear();
            return true;
        }
    }

    private void write(List<String> lines) {
        if (lines.isEmpty() || closed) {
            return;
        }
        StringBuilder b = new StringBuilder(lines.size() * 64);
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        try {
            socket.accept(b.toString().getBytes(StandardCharsets.UTF_8));
            metrics.sent(lines.size());
        } catch (RuntimeException e) {
            log.debug("irc write failed: {}", e.toString());
            onFailure.run();
        }
    }
}
