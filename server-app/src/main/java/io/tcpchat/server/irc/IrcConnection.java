package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One IRC connection: its registration state, the CHAT/1 {@link Session} it is logged in
 * with, and its output. The IRC socket outlives sessions: a refused {@code hello} (nick in
 * use) or a nick change ends the session and opens another on the same socket.
 *
 * <p>Threads: the connection's reader handles its lines ({@link IrcRegistration},
 * {@link IrcCommands}); the session's outbox writer renders events ({@link IrcRenderer}).
 * Both write lines through {@link #sendNow}/{@link #send}, under one lock; lines for a client
 * that has not finished registering wait until its 001..005 are out.
 */
final class IrcConnection {

    private static final Logger log = LoggerFactory.getLogger(IrcConnection.class);

    final IrcContext ctx;
    final String id;
    final String address;
    final long openedAt = System.nanoTime();
    final Map<String, Pending> pending = new ConcurrentHashMap<>();
    /** The channels the client is in, as it was told: the writer's state. */
    final IrcChannels channels = new IrcChannels();
    private final Consumer<byte[]> socket;
    private final Runnable closeSocket;
    private final AtomicLong refs = new AtomicLong();
    private final ReentrantLock out = new ReentrantLock();
    private final List<String> held = new ArrayList<>();
    /** Lines the writer thread rendered from one batch of frames, written in one go at its end. */
    private final List<String> batch = new ArrayList<>();
    private volatile Thread batching;

    private volatile String nick;
    private volatile String user;
    volatile String password;
    private volatile Set<String> caps = Set.of();
    private volatile boolean capNegotiating;
    private volatile ServerEvent.Welcome welcome;
    private volatile boolean helloSent;
    private volatile boolean registered;
    private volatile Session session;
    private volatile int generation;
    /** A session of this generation may end without the socket: a refused hello, a nick change. */
    private volatile int keepGeneration;
    private volatile boolean socketClosing;
    volatile long lastRead = System.nanoTime();
    /** A PING went out since the last line came in. */
    volatile boolean pinged;

    IrcConnection(IrcContext ctx, String id, String address, Consumer<byte[]> socket, Runnable closeSocket) {
        this.ctx = ctx;
        this.id = id;
        this.address = address;
        this.socket = socket;
        this.closeSocket = closeSocket;
    }

    // ---- sessions ----

    /** A fresh CHAT/1 session for this socket (the first at accept, another after a refused hello). */
    void openSession() {
        int g = ++generation;
        String sessionId = g == 1 ? id : id + "/" + g;
        welcome = null;
        helloSent = false;
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        session = ctx.sessions().open(sessionId, address, IrcGateway.PROTOCOL,
                new IrcFrameWriter(this, ctx.decoded()), () -> {
                    if (closed.compareAndSet(false, true)) { // the server may close a session more than once
                        sessionClosed(g, sessionId);
                    }
                });
    }

    private void sessionClosed(int g, String sessionId) {
        ctx.sessions().closed(sessionId);
        if (g == keepGeneration && !socketClosing) {
            return; // the gateway goes on with a new session on this socket
        }
        closeSocket();
    }

    /** The IRC socket closed, whoever closed it. */
    void socketClosed() {
        socketClosing = true;
        Session s = session;
        if (s != null) {
            ctx.sessions().closed(s.connectionId());
        }
    }

    void closeSocket() {
        socketClosing = true;
        closeSocket.run();
    }

    /** The session of the current generation may end without closing the socket. */
    void keepSocketOnClose() {
        keepGeneration = generation;
    }

    boolean closing() {
        return socketClosing;
    }

    Session session() {
        return session;
    }

    /** Hands a request to the server on the calling (reader) thread. */
    void request(ClientEvent event) {
        Session s = session;
        if (s != null && !s.closing()) {
            ctx.router().handle(s, event);
        }
    }

    String ref(Pending p) {
        String ref = "i" + refs.incrementAndGet();
        pending.put(ref, p);
        return ref;
    }

    /**
     * Logs in as {@code name} with a {@code hello}; returns once it is answered or refused.
     * A refusal the client may retry (nick in use) leaves the socket open with a new session.
     */
    void hello(String name, String pass, Pending.Kind kind, String previous) {
        helloSent = true;
        String ref = ref(new Pending(kind, name, previous, null));
        request(new ClientEvent.Hello(ProtocolDefaults.VERSION, name, pass, "irc", null,
                List.of(RoomNames.FEATURE), ref));
        Session s = session;
        if (s.closing() && !socketClosing && keepGeneration == generation) {
            // refused: the server closed the session (and waited for it); the socket stays
            openSession();
        }
    }

    /**
     * Registration ends once NICK and USER are in, CAP negotiation (if any) has ended and a
     * {@code welcome} came; the {@code hello} goes out as soon as it can. Reader or writer.
     */
    void tryComplete() {
        boolean sendHello;
        synchronized (this) {
            if (registered || nick == null || user == null || capNegotiating || socketClosing) {
                return;
            }
            if (welcome == null) {
                if (helloSent) {
                    return;
                }
                helloSent = true;
                sendHello = true;
            } else {
                sendHello = false;
            }
        }
        if (sendHello) {
            hello(nick, password, Pending.Kind.HELLO, null);
        } else {
            completeRegistration();
        }
    }

    private void completeRegistration() {
        out.lock();
        try {
            if (registered) {
                return;
            }
            nick = welcome.user();
            write(IrcWelcome.burst(this, welcome));
            registered = true;
            write(held);
            held.clear();
        } finally {
            out.unlock();
        }
        log.info("irc {} registered as {}", id, nick);
    }

    // ---- output ----

    /** Lines that may go before registration ends (CAP, SASL, errors about NICK, PONG). */
    void sendNow(List<String> lines) {
        if (batching == Thread.currentThread()) {
            endBatch(); // what was rendered before goes first
            beginBatch();
        }
        out.lock();
        try {
            write(lines);
        } finally {
            out.unlock();
        }
    }

    void sendNow(String line) {
        sendNow(List.of(line));
    }

    /**
     * The writer thread renders a batch of frames: its lines are gathered and written at
     * {@link #endBatch} in one write, as CHAT/1 connections get a batch of frames in one.
     */
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

    /** Lines for a registered client: held until its registration burst is out. */
    void send(List<String> lines) {
        if (batching == Thread.currentThread()) {
            batch.addAll(lines);
            return;
        }
        out.lock();
        try {
            if (registered) {
                write(lines);
            } else if (held.size() < 10_000) {
                held.addAll(lines);
            }
        } finally {
            out.unlock();
        }
    }

    void send(String line) {
        send(List.of(line));
    }

    /** A numeric from the server to this client ({@code *} before it has a nick). */
    String numeric(String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = nick == null ? "*" : nick;
        System.arraycopy(params, 0, all, 1, params.length);
        return IrcLines.line(null, ctx.server(), code, all);
    }

    private void write(List<String> lines) {
        if (lines.isEmpty() || socketClosing) {
            return;
        }
        StringBuilder b = new StringBuilder(lines.size() * 64);
        for (String line : lines) {
            b.append(line).append("\r\n");
        }
        try {
            socket.accept(b.toString().getBytes(StandardCharsets.UTF_8));
            ctx.metrics().sent(lines.size());
        } catch (RuntimeException e) {
            log.debug("irc {}: write failed: {}", id, e.toString());
            closeSocket();
        }
    }

    // ---- state ----

    String nick() {
        return nick;
    }

    void nick(String nick) {
        this.nick = nick;
    }

    String user() {
        return user;
    }

    void user(String user) {
        this.user = user;
    }

    boolean registered() {
        return registered;
    }

    boolean has(String cap) {
        return caps.contains(cap);
    }

    Set<String> caps() {
        return caps;
    }

    void caps(Set<String> caps) {
        this.caps = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(caps));
    }

    void capNegotiating(boolean on) {
        capNegotiating = on;
    }

    ServerEvent.Welcome welcome() {
        return welcome;
    }

    void welcome(ServerEvent.Welcome welcome) {
        this.welcome = welcome;
    }

    /** The server-time tag for an event's time, when the client asked for it. */
    String timeTag(java.time.Instant ts) {
        return ts != null && has("server-time") ? "time=" + IrcLines.time(ts) : null;
    }

    @Override
    public String toString() {
        return nick != null ? nick + "@irc:" + id : "irc:" + id;
    }
}
