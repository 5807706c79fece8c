package io.tcpchat.server.session;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.protocol.UserNames;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.history.EventDraft;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.history.HistoryService;
import io.tcpchat.server.history.Viewer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The life of a connection: open, {@code hello}, {@code bye}, timeouts, close. Joins and
 * leaves are published through the {@link EventLog} so that presence has its place in
 * the order of events.
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    /** How long a connection being dropped gets to take its last frame before the socket is closed. */
    private static final long GRACE_MILLIS = 1000;

    private final SessionRegistry registry;
    private final EventLog eventLog;
    private final HistoryService history;
    private final EventCodec codec;
    private final ChatProperties.Limits limits;
    private final ApplicationEventPublisher publisher;
    private final Executor writers;
    private final ScheduledExecutorService timers;
    private final ServerEvent.Limits welcomeLimits;
    private final String serverName;
    private final SessionCounter counter;
    private final AccountService accounts;
    private final EncodedLog live;
    private final WhoAnswer whoAnswer;
    private final RoomMemberships rooms;
    private final ServerEvent.Limits roomLimits;
    private volatile boolean shuttingDown;

    SessionService(SessionRegistry registry, EventLog eventLog, HistoryService history, EventCodec codec,
                   ChatProperties properties, ApplicationEventPublisher publisher,
                   @Qualifier("outboxWriters") Executor writers, @Qualifier("chatTimers") ScheduledExecutorService timers,
                   ServerName serverName, SessionCounter counter, AccountService accounts, EncodedLog live,
                   RoomMemberships rooms) {
        this.rooms = rooms;
        this.live = live;
        this.counter = counter;
        this.accounts = accounts;
        this.registry = registry;
        this.eventLog = eventLog;
        this.history = history;
        this.codec = codec;
        this.limits = properties.limits();
        this.publisher = publisher;
        this.writers = writers;
        this.timers = timers;
        this.serverName = serverName.value();
        this.welcomeLimits = new ServerEvent.Limits((int) limits.maxFrame().toBytes(), limits.maxText(),
                limits.maxFileSize().toBytes(), (int) limits.chunk().toBytes());
        ChatProperties.Rooms r = properties.rooms();
        this.roomLimits = new ServerEvent.Limits(welcomeLimits.maxFrame(), welcomeLimits.maxText(),
                welcomeLimits.maxFileSize(), welcomeLimits.chunk(), r.perUser(), r.membersMax(), r.topicMax());
        this.whoAnswer = new WhoAnswer(codec, (int) limits.maxFrame().toBytes());
        long tick = Math.clamp(Math.min(limits.helloTimeout().toMillis(), limits.idleTimeout().toMillis()) / 5, 20, 1000);
        timers.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * A transport opened a connection. {@code writer} writes whole frames (the transport
     * translates them if it speaks another wire format); {@code closer} closes the connection,
     * after which the transport calls {@link #closed}. Refused at once past the connection limits.
     */
    public Session open(String id, String address, String protocol, Outbox.Writer writer, Runnable closer) {
        TokenBucket bucket = limits.rate() > 0 ? new TokenBucket(limits.rate(), limits.burst(), System::nanoTime) : null;
        Session session = new Session(id, address, protocol, closer, codec, bucket, counter, System.nanoTime());
        session.attach(new Outbox(live, limits.sendq().toBytes(), writers, writer, new OutboxEvents(session)));
        SessionRegistry.Added added = registry.add(session);
        log.info("connect {} from {} ({})", id, session.address(), protocol);
        if (shuttingDown) {
            close(session, new ServerEvent.Bye(LeaveReason.SERVER_SHUTDOWN.wire()), LeaveReason.SERVER_SHUTDOWN);
        } else if (limits.maxConnections() > 0 && added.total() > limits.maxConnections()) {
            log.info("refused {}: more than {} connections open", id, limits.maxConnections());
            close(session, ServerEvent.ErrorEvent.of(ErrorCode.TOO_MANY_CONNECTIONS,
                    "the server has " + limits.maxConnections() + " connections open; try again later", null),
                    LeaveReason.DISCONNECT);
        } else if (limits.connectionsPerAddress() > 0 && added.fromAddress() > limits.connectionsPerAddress()) {
            close(session, ServerEvent.ErrorEvent.of(ErrorCode.TOO_MANY_CONNECTIONS,
                    "more than " + limits.connectionsPerAddress() + " connections from " + session.address(), null),
                    LeaveReason.DISCONNECT);
        }
        return session;
    }

    /** A transport's connection closed (whoever closed it): the user leaves, once. */
    public void closed(String connectionId) {
        Session session = registry.remove(connectionId);
        if (session == null) {
            return;
        }
        session.outbox().dispose();
        LeaveReason reason = session.leaveReason();
        // removed: the session can no longer log in, so loggedIn() is final. A login holds the
        // event log's lock until its joined is queued: passing through the lock first orders this
        // left after it (without holding the lock while publish may wait for room in the queue).
        if (session.loggedIn()) {
            eventLog.atomically(() -> null);
            if (registry.claims() == NameClaims.LOCAL) {
                eventLog.publish(new EventDraft.Left(session.user(), reason));
            } else {
                leaveShared(session, reason);
            }
        }
        counter.disconnected(reason);
        log.info("disconnect {} ({})", session, reason.wire());
        publisher.publishEvent(new SessionClosed(session));
        session.closed().complete(null);
    }

    /**
     * A cluster's leave: the name is freed in the shared table once the {@code left} is stored, so
     * another replica's {@code joined} of the name follows it. Queued at once under the lock (never
     * into a reader's batch), after marking the claim as leaving: a new login of the name here may
     * take the claim over meanwhile, and its {@code joined}, queued under the same lock, follows.
     */
    private void leaveShared(Session session, LeaveReason reason) {
        String user = session.user();
        String sessionId = session.sessionId();
        Runnable release = () -> {
            try {
                timers.execute(() -> registry.claims().release(user, sessionId));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // shutting down: the replica deletes all its names when it stops
            }
        };
        eventLog.atomically(() -> {
            registry.claims().leaving(user, sessionId);
            eventLog.publish(new EventDraft.Left(user, reason), new EventLog.Committed() {
                @Override
                public void stored(ServerEvent.Stored event) {
                    release.run();
                }

                @Override
                public void failed(Exception e) {
                    release.run();
                }
            });
            return null;
        });
    }

    /** {@code hello}: checks, then welcome + replay + joining the live stream, atomically. */
    public void hello(Session session, ClientEvent.Hello hello) {
        if (session.loggedIn()) {
            session.sendError(ErrorCode.BAD_REQUEST, "already logged in", hello.ref());
            return;
        }
        if (hello.v() == null || hello.v() != ProtocolDefaults.VERSION) {
            closeAndWait(session, error(ErrorCode.UNSUPPORTED_VERSION, "this server speaks v1", hello.ref()));
            return;
        }
        if (!UserNames.isValid(hello.user())) {
            closeAndWait(session, error(ErrorCode.NAME_INVALID, UserNames.RULE, hello.ref()));
            return;
        }
        if (hello.since() != null && hello.since() < 0) {
            closeAndWait(session, error(ErrorCode.BAD_REQUEST, "since must not be negative", hello.ref()));
            return;
        }
        String user = hello.user();
        // the password check may take tens of milliseconds: done before the fan-out lock
        AccountService.Login login = accounts.login(user, hello.password(), session.address());
        if (login instanceof AccountService.Login.Refused r) {
            closeAndWait(session, error(r.code(), r.message(), hello.ref()));
            return;
        }
        boolean authenticated = ((AccountService.Login.Allowed) login).authenticated();
        boolean roomsAware = rooms.enabled() && hello.wants(RoomNames.FEATURE);
        session.features(roomsAware, authenticated, authenticated && accounts.isAdmin(user));
        String sessionId = UUID.randomUUID().toString();
        // in a cluster the name is claimed in the shared table first (a query: not under the lock)
        if (!registry.claims().claim(user, sessionId)) {
            closeAndWait(session, error(ErrorCode.NAME_TAKEN, "'" + user + "' is online already", hello.ref()));
            return;
        }
        SessionRegistry.Claim claim = eventLog.atomically(() -> {
            SessionRegistry.Claim outcome = registry.claim(user, session, sessionId);
            if (outcome != SessionRegistry.Claim.CLAIMED) {
                return outcome;
            }
            byte[] welcome = codec.frame(welcome(session, user, sessionId, hello.ref()));
            long since = hello.since() == null ? Long.MAX_VALUE : hello.since();
            HistoryService.ReplayCursor replay = history.replay(welcome, Viewer.replay(user, roomsAware), since,
                    eventLog.lastPublishedSeq());
            session.outbox().offer((FrameSource) replay::next);
            long head = live.head();
            session.outbox().follow(head, user.toLowerCase(Locale.ROOT), roomsAware ? rooms.viewAt(user, head) : null);
            eventLog.publish(new EventDraft.Joined(user));
            return outcome;
        });
        if (claim != SessionRegistry.Claim.CLAIMED) {
            registry.claims().release(user, sessionId);
        }
        if (claim == SessionRegistry.Claim.CLOSED) {
            // closed while the password was checked (a hello timeout, a dropped socket): no login
            log.info("login {} as {} abandoned: the connection is closing", session.connectionId(), user);
            return;
        }
        if (claim == SessionRegistry.Claim.TAKEN) {
            closeAndWait(session, error(ErrorCode.NAME_TAKEN, "'" + user + "' is online already", hello.ref()));
            return;
        }
        log.info("login {} as {}{}", session.connectionId(), user,
                hello.since() == null ? "" : " (replay after " + hello.since() + ")");
    }

    private ServerEvent.Welcome welcome(Session session, String user, String sessionId, String ref) {
        if (!rooms.enabled()) {
            return new ServerEvent.Welcome(ProtocolDefaults.VERSION, user, sessionId, serverName, welcomeLimits, ref);
        }
        return new ServerEvent.Welcome(ProtocolDefaults.VERSION, user, sessionId, serverName, roomLimits,
                List.of(RoomNames.FEATURE), session.roomsAware() ? rooms.roomsOf(user) : null,
                session.admin() ? List.of(AccountService.ADMIN) : null, ref);
    }

    /** A {@code hello} the codec could not even read: like any refused hello, answered and closed. */
    public void refuseHello(Session session, ServerEvent.ErrorEvent error) {
        closeAndWait(session, error);
    }

    /** A client's {@code bye}: a clean close once what is queued is written. */
    public void bye(Session session) {
        session.leaveReason(LeaveReason.BYE);
        closeAndWait(session, null);
    }

    public void who(Session session, ClientEvent.Who who) {
        session.send(whoAnswer.of(registry.onlineNames(), who.ref()));
    }

    /**
     * Answers a framing error and closes. Called on the reader thread, which waits here
     * until the connection is closed so that nothing after the bad frame is read.
     */
    public void badFrame(Session session, String reason) {
        log.info("bad frame from {}: {}", session, reason);
        closeAndWait(session, error(ErrorCode.BAD_FRAME, reason, null));
    }

    private static ServerEvent.ErrorEvent error(ErrorCode code, String message, String ref) {
        return ServerEvent.ErrorEvent.of(code, message, ref);
    }

    /** Sends {@code last} (if any) after what is queued, then closes; waits for the close. */
    private void closeAndWait(Session session, ServerEvent last) {
        eventLog.flushBatch(); // what this reader published before is stored before its leave
        close(session, last, null);
        try {
            session.closed().get(GRACE_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            session.closeConnection();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues {@code last} after everything queued, then closes the connection; a peer
     * that does not take it within the grace time is closed anyway.
     */
    void close(Session session, ServerEvent last, LeaveReason reason) {
        close(session, last, reason, GRACE_MILLIS);
    }

    private void close(Session session, ServerEvent last, LeaveReason reason, long graceMillis) {
        if (reason != null) {
            session.leaveReason(reason);
        }
        if (!session.startClosing()) {
            return;
        }
        if (last != null) {
            session.send(last);
        }
        session.outbox().closeWhenFlushed(() -> session.closeConnection());
        timers.schedule(() -> forceClose(session), graceMillis, TimeUnit.MILLISECONDS);
    }

    private void forceClose(Session session) {
        if (!session.closed().isDone()) {
            session.closeConnection();
        }
    }

    /** Drops a connection now: nothing queued is sent but {@code last}. */
    void drop(Session session, ServerEvent last, LeaveReason reason) {
        session.leaveReason(reason);
        session.startClosing();
        if (last instanceof ServerEvent.ErrorEvent e) {
            counter.error(e.code());
        }
        session.outbox().abandon(last == null ? null : codec.frame(last), () -> session.closeConnection());
        timers.schedule(() -> forceClose(session), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Graceful shutdown: every client gets {@code bye{server_shutdown}} after what is queued
     * for it; waits up to {@code timeout} for the connections to close, then closes the rest.
     * New connections that still arrive are told the same and closed.
     */
    public void shutdown(java.time.Duration timeout) {
        shuttingDown = true;
        ServerEvent bye = new ServerEvent.Bye(LeaveReason.SERVER_SHUTDOWN.wire());
        for (Session s : registry.connections()) {
            close(s, bye, LeaveReason.SERVER_SHUTDOWN, timeout.toMillis());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Session s : registry.connections()) {
            try {
                s.closed().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                log.info("closing {}: its outbox did not drain within {}", s, timeout);
                s.closeConnection();
            } catch (Exception e) {
                s.closeConnection();
            }
        }
        log.info("all connections closed");
    }

    /**
     * Closes every connection with {@code bye{server_shutdown}} but goes on accepting new ones: a
     * cluster's replica that the others declared dead (their names are free already) drops its
     * clients, which reconnect and log in anew.
     */
    public void closeAll() {
        ServerEvent bye = new ServerEvent.Bye(LeaveReason.SERVER_SHUTDOWN.wire());
        for (Session s : registry.connections()) {
            close(s, bye, LeaveReason.SERVER_SHUTDOWN);
        }
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Hello and idle timeouts. */
    private void sweep() {
        try {
            long now = System.nanoTime();
            long hello = limits.helloTimeout().toNanos();
            long idle = limits.idleTimeout().toNanos();
            for (Session s : registry.connections()) {
                if (s.closed().isDone()) {
                    continue;
                }
                if (!s.loggedIn() && now - s.openedAt() > hello && !s.closing()) {
                    log.info("hello timeout {}", s);
                    close(s, error(ErrorCode.TIMEOUT, "no hello within " + limits.helloTimeout().toMillis() + " ms",
                            null), LeaveReason.TIMEOUT);
                } else if (s.loggedIn() && now - s.lastRead() > idle && !s.closing()) {
                    close(s, new ServerEvent.Bye(LeaveReason.IDLE.wire()), LeaveReason.IDLE);
                }
            }
        } catch (RuntimeException e) {
            log.warn("timeout sweep failed", e);
        }
    }

    /** Hears from a session's outbox; runs on whichever thread overflowed it or its writer. */
    private final class OutboxEvents implements Outbox.Listener {
        private final Session session;

        OutboxEvents(Session session) {
            this.session = session;
        }

        @Override
        public void onOverflow() {
            // often called on the event log's publisher, under its lock: the drop (and its log line) happen elsewhere
            timers.execute(() -> {
                log.info("slow consumer {}: over {} bytes behind", session, limits.sendq().toBytes());
                drop(session, error(ErrorCode.SLOW_CONSUMER, "you were not reading fast enough", null),
                        LeaveReason.SLOW_CONSUMER);
            });
        }

        @Override
        public void onWritten(int bytes) {
            counter.sent(bytes);
        }

        @Override
        public void onDepth(long queuedBytes) {
            counter.outboxDepth(queuedBytes);
        }

        @Override
        public void onWriteFailure(Exception e) {
            log.debug("write to {} failed: {}", session, e.toString());
            session.closeConnection();
        }
    }
}
