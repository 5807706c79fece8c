package io.tcpchat.client.session;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.protocol.ErrorCode;

import java.util.function.Supplier;

/**
 * Chat lines typed while the client reconnects: kept (up to {@code capacity}) and sent, in
 * order, once the connection is back; a line typed while older ones still go out waits behind
 * them. Each goes out after the previous one's {@code ack}, so the server's rate limit holds.
 */
final class OfflineLines {

    /** A line on its way: its text, the room it was typed in ({@code null}: {@code #lobby}), its kind. */
    record Outgoing(String text, String room, String kind) {
    }

    @FunctionalInterface
    interface Sender {
        void send(Outgoing line) throws ChatException;
    }

    /** Guarded by itself, as is {@link #flushing}. */
    private final PendingLines<Outgoing> pending;
    private final Sender sender;
    private final Supplier<ConnectionState> state;
    private final Supplier<SessionView> view;
    private boolean flushing;

    OfflineLines(int capacity, Sender sender, Supplier<ConnectionState> state, Supplier<SessionView> view) {
        this.pending = new PendingLines<>(capacity);
        this.sender = sender;
        this.state = state;
        this.view = view;
    }

    /**
     * Keeps {@code line} when it cannot go out now. {@code false}: send it now (online, nothing
     * waiting); {@code true}: it waits.
     */
    boolean keep(Outgoing line) throws ChatException {
        synchronized (pending) {
            ConnectionState now = state.get();
            boolean away = now == ConnectionState.RECONNECTING || now == ConnectionState.CONNECTING;
            if (!away && !((flushing || !pending.isEmpty()) && now == ConnectionState.ONLINE)) {
                return false;
            }
            if (!pending.offer(line)) {
                throw new ChatException(ChatException.Kind.CONNECTION, "Not sent: " + pending.capacity()
                        + " lines already wait for the connection.");
            }
            if (away) {
                view.get().info("Not connected: kept (" + pending.size() + " waiting); sent once the connection is"
                        + " back.");
            } else {
                startFlushing(); // behind the lines that wait, in order
            }
            return true;
        }
    }

    /** Online again: the lines kept go out. */
    void online() {
        synchronized (pending) {
            startFlushing();
        }
    }

    /** Holding the lock on {@link #pending}. */
    private void startFlushing() {
        if (!pending.isEmpty() && !flushing) {
            flushing = true;
            Thread.ofPlatform().daemon().name("chat-pending").start(this::flush); // waits for acks
        }
    }

    /**
     * Sends the lines kept while away, oldest first (a refused one is tried again a second
     * later). A new drop stops it; the lines left wait for the next login.
     */
    private void flush() {
        int sent = 0;
        while (true) {
            Outgoing line;
            synchronized (pending) {
                line = pending.peek();
                if (line == null) {
                    flushing = false;
                    break;
                }
            }
            try {
                sender.send(line);
                sent++;
                synchronized (pending) {
                    pending.remove();
                }
            } catch (ChatException e) {
                if (e.code() == ErrorCode.RATE_LIMITED) {
                    try {
                        Thread.sleep(1000); // the server lets ten a second through
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                } else if (e.kind() == ChatException.Kind.CONNECTION) {
                    synchronized (pending) {
                        flushing = false;
                    }
                    return;
                } else {
                    view.get().warn("A line typed while offline was not sent (" + e.getMessage() + "): "
                            + line.text());
                    synchronized (pending) {
                        pending.remove();
                    }
                }
            }
        }
        if (sent > 0) {
            view.get().info("Sent " + (sent == 1 ? "the line" : "the " + sent + " lines") + " typed while offline.");
        }
    }
}
