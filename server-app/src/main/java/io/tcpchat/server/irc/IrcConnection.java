package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
    private final IrcOutput output;
    private final Runnable closeSocket;
    private final AtomicLong refs = new AtomicLong();

    private volatile String nick;
    private volatile String user;
    volatile String password;
    private volatile Set<String> caps = Set.of();
    private volatile boolean capNegotiating;
    private volatile ServerEvent.Welcome welcome;
    private volatile boolean helloSent;
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
        this.output = new IrcOutput(socket, this::closeSocket, ctx.metrics());
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
        // decided before the server hears of the close: that releases the reader waiting for it,
        // which may open the next session (and move keepGeneration on) at once
        boolean keep = g == keepGeneration && !socketClosing;
        ctx.sessions().closed(sessionId);
        if (!keep) {
            closeSocket();
        }
    }

    /** The IRC socket closed, whoever closed it. */
    void socketClosed() {
        socketClosing = true;
        output.close();
        Session s = session;
        if (s != null) {
            ctx.sessions().closed(s.connectionId());
        }
    }

    void closeSocket() {
        socketClosing = true;
        output.close();
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
     * Logs in as {@code name} with a {@code hello}; returns once it is answered or refused:
     * false when refused (the server ends a session whose hello it refuses, and waits for
     * that before it returns). A refusal the client may retry (nick in use) leaves the socket
     * open with a new session. The welcome itself may still be on its way to the writer.
     */
    boolean hello(String name, String pass, Pending.Kind kind, String previous) {
        helloSent = true;
        String ref = ref(new Pending(kind, name, previous, null));
        request(new ClientEvent.Hello(ProtocolDefaults.VERSION, name, pass, "irc", null,
                List.of(RoomNames.FEATURE), ref));
        Session s = session;
        if (!s.closing()) {
            return true;
        }
        if (!socketClosing && keepGeneration == generation) {
            openSession();
        }
        return false;
    }

    /**
     * Registration ends once NICK and USER are in, CAP negotiation (if any) has ended and a
     * {@code welcome} came; the {@code hello} goes out as soon as it can. Reader or writer.
     */
    void tryComplete() {
        boolean sendHello;
        synchronized (this) {
            if (output.registered() || nick == null || user == null || capNegotiating || socketClosing) {
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
        ServerEvent.Welcome w = welcome;
        if (output.register(() -> IrcWelcome.burst(this, w))) {
            nick = w.user();
            log.info("irc {} registered as {}", id, nick);
        }
    }

    // ---- output ----

    void sendNow(List<String> lines) {
        output.sendNow(lines);
    }

    void sendNow(String line) {
        output.sendNow(List.of(line));
    }

    void send(List<String> lines) {
        output.send(lines);
    }

    void send(String line) {
        output.send(List.of(line));
    }

    void beginBatch() {
        output.beginBatch();
    }

    void endBatch() {
        output.endBatch();
    }

    /** A numeric from the server to this client ({@code *} before it has a nick). */
    String numeric(String code, String... params) {
        String[] all = new String[params.length + 1];
        all[0] = nick == null ? "*" : nick;
        System.arraycopy(params, 0, all, 1, params.length);
        return IrcLines.line(null, ctx.server(), code, all);
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
        return output.registered();
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
