package io.tcpchat.client.connection;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * One client's connection to a chat server: its lifecycle (connect, disconnect, close), the
 * thread that reads and dispatches, the frames going out, and the way back after a drop.
 * Its other jobs have classes of their own: logging in ({@link Handshake}), the socket
 * ({@link Link}), matching answers to requests ({@link PendingRequests}), pings
 * ({@link KeepAlive}), the waits between attempts ({@link Backoff}, {@link OfflineNotices})
 * and what was seen ({@link SeqTracker}).
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>One reader thread per socket ({@code chat-reader}) decodes frames and calls the
 *       {@link Listener} in arrival order. When the socket fails it runs the reconnection
 *       loop itself, so there is never more than one.</li>
 *   <li>Any thread may write ({@link #send}, {@link #request}, {@link #sendData}); writes are
 *       serialized per socket, a whole frame at a time, so a message may pass between two
 *       chunks of an upload.</li>
 *   <li>A scheduler thread ({@code chat-keepalive}) sends {@code ping} after
 *       {@code pingInterval} without traffic; a socket silent for three intervals is dead.</li>
 * </ul>
 *
 * <h2>Nothing missed, nothing twice</h2>
 * Every stored event goes through a {@link SeqTracker}; a reconnection says
 * {@code hello.since} = the highest seq seen, and the server replays what came after.
 * Replayed events that were already shown are dropped here.
 */
public final class ChatConnection implements AutoCloseable {

    /** Events that are not an answer to a request made through {@link #request} or {@link #open}. */
    public interface Listener {

        /** Stored events (once each), downloads, errors nobody waits for, and the rest. */
        void onEvent(ServerEvent event);

        /** A D frame (a piece of a download). */
        void onData(Frame.Data data);

        /** The state changed; {@code detail} says why, in plain words ({@code null} when obvious). */
        void onStateChanged(ConnectionState state, String detail);

        /**
         * Logged in; {@code resumed} after a reconnection (replayed events follow). Called before
         * the reader starts, so it must not wait for answers; it may {@link #send} requests.
         */
        default void onOnline(ServerEvent.Welcome welcome, boolean resumed) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ChatConnection.class);

    /** Error codes after which trying again with the same name and password cannot help. */
    private static final Set<ErrorCode> FINAL = Set.of(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_REQUIRED,
            ErrorCode.NAME_INVALID, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.BAD_REQUEST);

    /** Frames the client accepts; larger than any server default, still a bound on memory. */
    private static final int READ_MAX_FRAME = 16 * 1024 * 1024;

    private final EventCodec codec = new EventCodec();
    private final FrameDecoder decoder = new FrameDecoder(READ_MAX_FRAME);
    private final SeqTracker seqs;
    private final Listener listener;
    private final Backoff backoff;
    /** Failed attempts are shown once, then rarely: a line per minute at most for the same reason. */
    private final OfflineNotices notices = new OfflineNotices(java.time.Clock.systemUTC(), Duration.ofMinutes(1));
    private final AtomicLong refs = new AtomicLong();
    private final PendingRequests pending = new PendingRequests();
    private final Object lifecycle = new Object();
    private final KeepAlive keepalive;

    private volatile ConnectionSettings settings;
    private volatile Link link;
    private volatile ConnectionState state = ConnectionState.OFFLINE;
    private volatile ServerEvent.Welcome welcome;
    /** The user wants to be connected: a drop is followed by reconnection attempts. */
    private volatile boolean wanted;
    private volatile boolean reconnecting;
    private volatile boolean closed;
    private volatile boolean reconnectRequested;

    public ChatConnection(ConnectionSettings settings, Listener listener, SeqTracker seqs) {
        this.settings = settings;
        this.listener = listener;
        this.seqs = seqs;
        this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax());
        this.keepalive = new KeepAlive(settings.pingInterval(),
                () -> state == ConnectionState.ONLINE ? link : null, codec.frame(new ClientEvent.Ping(null)));
    }

    public ChatConnection(ConnectionSettings settings, Listener listener) {
        this(settings, listener, new SeqTracker());
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** The password for later logins (after {@code register}), so reconnecting keeps working. */
    public void usePassword(String password) {
        this.settings = settings.withUser(settings.user(), password);
    }

    public ConnectionState state() {
        return state;
    }

    public boolean isOnline() {
        return state == ConnectionState.ONLINE;
    }

    /** The last {@code welcome}: the name the server gave us and its limits; {@code null} before. */
    public ServerEvent.Welcome welcome() {
        return welcome;
    }

    /** The highest seq seen: what a reconnection puts in {@code hello.since}. */
    public long lastSeq() {
        return seqs.highest();
    }

    /**
     * Connects and logs in, waiting for {@code welcome}; after an earlier session it resumes
     * ({@code since}). When this attempt fails nothing is retried: the caller decides, with
     * {@link #reconnectInBackground}. While a reconnection loop runs, it is asked to try now.
     */
    public ServerEvent.Welcome connect() throws ChatException {
        synchronized (lifecycle) {
            ensureOpen();
            if (link != null && state == ConnectionState.ONLINE) {
                return welcome;
            }
            wanted = true;
            if (reconnecting) {
                reconnectRequested = true;
                lifecycle.notifyAll();
                throw new ChatException(ChatException.Kind.CONNECTION,
                        "Already trying to reconnect; trying again now.");
            }
            setState(ConnectionState.CONNECTING, "Connecting to " + settings.address() + " as " + settings.user()
                    + "…");
        }
        try {
            ServerEvent.Welcome w = establish(seqs.highest());
            backoff.reset();
            return w;
        } catch (ChatException e) {
            synchronized (lifecycle) {
                if (link == null && !reconnecting) {
                    wanted = false;
                    setState(ConnectionState.OFFLINE, null); // the caller tells the user why
                }
            }
            throw e;
        }
    }

    /** Keeps trying to connect with backoff until it works or {@link #disconnect} is called. */
    public void reconnectInBackground(String why) {
        synchronized (lifecycle) {
            if (closed || link != null) {
                return;
            }
            wanted = true;
            if (reconnecting) {
                lifecycle.notifyAll(); // try now
                return;
            }
            reconnecting = true;
        }
        Thread t = new Thread(() -> reconnectLoop(why), "chat-reconnect");
        t.setDaemon(true);
        t.start();
    }

    /** Says {@code bye}, waits briefly for the server to close, and stays offline. */
    public void disconnect() {
        Link current;
        synchronized (lifecycle) {
            wanted = false;
            lifecycle.notifyAll();
            current = link;
        }
        if (current != null) {
            current.leaving = true;
            try {
                current.write(codec.frame(new ClientEvent.Bye(null)));
                current.socket.shutdownOutput();
            } catch (IOException ignored) {
                // gone already
            }
            try {
                current.reader.join(2000); // the server answers bye with a clean close
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dropLink(current);
        }
        synchronized (lifecycle) {
            if (!closed) {
                setState(ConnectionState.OFFLINE, null);
            }
        }
    }

    /** {@link #disconnect} for good: threads end, nothing can be sent afterwards. */
    @Override
    public void close() {
        disconnect();
        synchronized (lifecycle) {
            closed = true;
            lifecycle.notifyAll();
        }
        keepalive.close();
        setState(ConnectionState.CLOSED, null);
    }

    /** Sends an event and does not wait. The function receives the {@code ref} to put in it. */
    public String send(Function<String, ClientEvent> event) throws ChatException {
        String ref = nextRef();
        write(codec.frame(event.apply(ref)));
        return ref;
    }

    /** Sends a request and waits for its answer; an {@code error} answer is thrown. */
    public ServerEvent request(Function<String, ClientEvent> event, Duration timeout) throws ChatException {
        try (PendingRequests.Pending answers = open(event)) {
            return answers.next(timeout);
        }
    }

    public ServerEvent request(Function<String, ClientEvent> event) throws ChatException {
        return request(event, settings.requestTimeout());
    }

    /**
     * Sends a request whose answers come in several events (an upload: {@code upload.ready},
     * then {@code ack}). Close the returned {@link PendingRequests.Pending} when done.
     */
    public PendingRequests.Pending open(Function<String, ClientEvent> event) throws ChatException {
        String ref = nextRef();
        PendingRequests.Pending answers = pending.open(ref);
        try {
            write(codec.frame(event.apply(ref)));
        } catch (ChatException e) {
            answers.close();
            throw e;
        }
        return answers;
    }

    /** Sends {@code len} bytes of a file as one D frame. */
    public void sendData(long file, long offset, byte[] data, int off, int len) throws ChatException {
        write(FrameEncoder.data(file, offset, data, off, len));
    }

    private String nextRef() {
        return "c" + refs.incrementAndGet();
    }

    private void write(byte[] frame) throws ChatException {
        Link current = link;
        if (current == null || state != ConnectionState.ONLINE) {
            throw notConnected();
        }
        try {
            current.write(frame);
        } catch (IOException e) {
            current.closeQuietly(); // the reader notices and takes over
            throw new ChatException(ChatException.Kind.CONNECTION, "The connection was lost while sending.", e);
        }
    }

    private ChatException notConnected() {
        String how = switch (state) {
            case CONNECTING -> "still connecting";
            case RECONNECTING -> "trying to reconnect";
            case CLOSED -> "closed";
            default -> "offline; use connect";
        };
        return new ChatException(ChatException.Kind.CONNECTION, "Not connected (" + how + ").");
    }

    // ---------------------------------------------------------------- connecting

    /** Logs in ({@link Handshake}) and makes the new link the current one, its reader running. */
    private ServerEvent.Welcome establish(long since) throws ChatException {
        ConnectionSettings s = settings;
        Handshake.Opened opened = Handshake.open(s, since, codec, decoder);
        Link candidate = opened.link();
        ServerEvent.Welcome w = opened.welcome();
        synchronized (lifecycle) {
            if (!wanted || closed) {
                candidate.closeQuietly();
                throw new ChatException(ChatException.Kind.CONNECTION, "Disconnected.");
            }
            if (link != null) {
                candidate.closeQuietly(); // another attempt won the race
                return welcome;
            }
            link = candidate;
            welcome = w;
            candidate.reader = new Thread(() -> readLoop(candidate), "chat-reader");
            candidate.reader.setDaemon(true);
            setState(ConnectionState.ONLINE, (since > 0 ? "Reconnected to " : "Connected to ") + s.address()
                    + " as " + w.user() + ".");
        }
        listener.onOnline(w, since > 0);
        candidate.reader.start();
        return w;
    }

    private void reconnectLoop(String why) {
        try {
            Duration wait = backoff.next();
            setState(ConnectionState.RECONNECTING, why + " Reconnecting…");
            while (true) {
                log.debug("next attempt in {}", wait);
                synchronized (lifecycle) {
                    long until = System.nanoTime() + wait.toNanos();
                    long left;
                    while (wanted && !closed && link == null && !reconnectRequested
                            && (left = until - System.nanoTime()) > 0) {
                        try {
                            TimeUnit.NANOSECONDS.timedWait(lifecycle, left);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                    reconnectRequested = false;
                    if (!wanted || closed || link != null) {
                        return;
                    }
                }
                try {
                    establish(seqs.highest());
                    backoff.reset();
                    notices.reset();
                    return;
                } catch (RuntimeException e) {
                    // a bug must not end the reconnecting for good: say so and try again
                    wait = backoff.next();
                    stillOffline("an unexpected problem (" + e + ").");
                } catch (ChatException e) {
                    if (e.code() != null && FINAL.contains(e.code())) {
                        synchronized (lifecycle) {
                            wanted = false;
                        }
                        setState(ConnectionState.OFFLINE, e.getMessage());
                        return;
                    }
                    wait = backoff.next();
                    stillOffline(e.getMessage());
                }
            }
        } finally {
            synchronized (lifecycle) {
                reconnecting = false;
                if (!wanted && !closed && link == null && state != ConnectionState.OFFLINE) {
                    setState(ConnectionState.OFFLINE, null);
                }
            }
        }
    }

    private void stillOffline(String why) {
        if (notices.due(why)) {
            listener.onStateChanged(ConnectionState.RECONNECTING, "Still offline: " + why
                    + " Trying again every few seconds (/connect tries now).");
        }
    }

    /** While waiting to reconnect: try now instead of at the end of the wait. */
    public void reconnectNow() {
        synchronized (lifecycle) {
            reconnectRequested = true;
            lifecycle.notifyAll();
        }
    }

    // ---------------------------------------------------------------- reading

    private void readLoop(Link own) {
        String why;
        try {
            while (true) {
                Frame frame = decoder.read(own.in);
                if (frame == null) {
                    why = own.byeReason != null ? byeWords(own.byeReason) : "the server closed the connection";
                    break;
                }
                own.lastRead = System.nanoTime();
                dispatch(own, frame);
            }
        } catch (SocketTimeoutException e) {
            why = "no sign of life from the server";
        } catch (FrameException e) {
            why = "the server sent something unreadable";
        } catch (EOFException e) {
            why = "the connection broke";
        } catch (IOException e) {
            why = own.leaving ? "disconnected" : "the connection broke (" + Handshake.reason(e) + ")";
        } catch (RuntimeException e) {
            why = "an unexpected problem in this client (" + e.getMessage() + ")";
        }
        if (own.problem != null) {
            why = own.problem;
        }
        log.debug("link {} lost: {}", own.socket.getLocalSocketAddress(), why);
        linkLost(own, why);
    }

    private void dispatch(Link own, Frame frame) {
        if (frame instanceof Frame.Data data) {
            listener.onData(data);
            return;
        }
        ServerEvent event;
        try {
            event = codec.decodeServer(((Frame.Json) frame).body());
        } catch (RequestException unknown) {
            return; // clients ignore event types they do not know
        } catch (FrameException bad) {
            own.problem = "the server sent something unreadable";
            own.closeQuietly();
            return;
        }
        switch (event) {
            case ServerEvent.Stored stored -> {
                if (seqs.accept(stored.seq())) {
                    listener.onEvent(stored);
                }
            }
            case ServerEvent.Ping ping -> {
                try {
                    own.write(codec.frame(new ClientEvent.Pong(ping.ref())));
                } catch (IOException e) {
                    own.closeQuietly();
                }
            }
            case ServerEvent.Bye bye -> own.byeReason = bye.reason();
            default -> {
                if (!pending.offer(event) && !(event instanceof ServerEvent.Pong)) {
                    listener.onEvent(event);
                }
            }
        }
    }

    private void linkLost(Link lost, String why) {
        boolean retry;
        synchronized (lifecycle) {
            if (link != lost) {
                lost.closeQuietly();
                return;
            }
            link = null;
            lost.closeQuietly();
            retry = wanted && !closed && settings.reconnect() && !lost.leaving;
            if (!retry && !closed) {
                wanted = false;
                setState(ConnectionState.OFFLINE, lost.leaving ? null : "Disconnected: " + why + ".");
            }
        }
        ChatException failure = new ChatException(ChatException.Kind.CONNECTION, "The connection was lost ("
                + why + ").");
        pending.failAll(failure);
        if (retry) {
            synchronized (lifecycle) {
                if (reconnecting) {
                    return;
                }
                reconnecting = true;
            }
            reconnectLoop("Connection lost: " + why + ".");
        }
    }

    private void dropLink(Link expected) {
        synchronized (lifecycle) {
            Link current = link;
            if (current != null && (expected == null || current == expected)) {
                current.leaving = true;
                link = null;
                current.closeQuietly();
            }
        }
    }

    private void setState(ConnectionState newState, String detail) {
        state = newState;
        listener.onStateChanged(newState, detail);
    }

    private void ensureOpen() throws ChatException {
        if (closed) {
            throw new ChatException(ChatException.Kind.CONNECTION, "The connection is closed.");
        }
    }

    private static String byeWords(String reason) {
        return switch (reason) {
            case "server_shutdown" -> "the server is shutting down";
            case "idle" -> "the server closed an idle connection";
            case "slow_consumer" -> "the server dropped this client for reading too slowly";
            default -> "the server said goodbye (" + reason + ")";
        };
    }
}
