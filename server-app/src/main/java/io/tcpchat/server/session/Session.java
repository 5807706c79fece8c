package io.tcpchat.server.session;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.protocol.ServerEvent;

import java.util.concurrent.CompletableFuture;

/**
 * One client connection and, once logged in, its user, whatever the transport (the transport
 * gives it a writer for its outbox and a way to close). Written by the connection's reader
 * thread; other threads only offer frames to its {@link Outbox} and read its name.
 */
public final class Session {

    private final String connectionId;
    private final String address;
    private final String protocol;
    /** Closes the transport's connection; the transport then reports {@link SessionService#closed}. */
    private final Runnable closer;
    private final EventCodec codec;
    private final TokenBucket bucket;
    private final SessionCounter counter;
    private final long openedAt;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private Outbox outbox;
    private volatile String user;
    private volatile String sessionId;
    private volatile boolean roomsAware;
    private volatile boolean admin;
    private volatile boolean authenticated;
    private volatile long lastRead;
    private volatile LeaveReason leaveReason;
    private volatile boolean closing;
    private volatile boolean removed;

    Session(String connectionId, String address, String protocol, Runnable closer, EventCodec codec,
            TokenBucket bucket, SessionCounter counter, long now) {
        this.counter = counter;
        this.connectionId = connectionId;
        this.address = address;
        this.protocol = protocol;
        this.closer = closer;
        this.codec = codec;
        this.bucket = bucket;
        this.openedAt = now;
        this.lastRead = now;
    }

    void attach(Outbox outbox) {
        this.outbox = outbox;
    }

    public String connectionId() {
        return connectionId;
    }

    public String address() {
        return address;
    }

    /** The transport: {@code chat} (CHAT/1 over TCP), or another listener's name. */
    public String protocol() {
        return protocol;
    }

    /** The user's name as they chose it, or {@code null} before {@code welcome}. */
    public String user() {
        return user;
    }

    public boolean loggedIn() {
        return user != null;
    }

    public String sessionId() {
        return sessionId;
    }

    void loggedIn(String user, String sessionId) {
        this.sessionId = sessionId;
        this.user = user;
    }

    /** Set at login, before {@link #loggedIn(String, String)} publishes the name. */
    void features(boolean roomsAware, boolean authenticated, boolean admin) {
        this.roomsAware = roomsAware;
        this.authenticated = authenticated;
        this.admin = admin;
    }

    /** Whether the session opted in to rooms ({@code hello.features}). */
    public boolean roomsAware() {
        return roomsAware;
    }

    /** Whether the user logged in with the password of a registered name. */
    public boolean authenticated() {
        return authenticated;
    }

    /** Whether the user is a server administrator (and logged in with a password). */
    public boolean admin() {
        return admin;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** Whether this request may pass the rate limit; {@code null} bucket means no limit. */
    public boolean allowRequest() {
        return bucket == null || bucket.tryTake();
    }

    public void touch(long now) {
        lastRead = now;
    }

    long lastRead() {
        return lastRead;
    }

    long openedAt() {
        return openedAt;
    }

    /** The reason the others will read in {@code left}; the first one set wins. */
    void leaveReason(LeaveReason reason) {
        if (leaveReason == null) {
            leaveReason = reason;
        }
    }

    /**
     * Marks the session as on its way out; true for the first caller only. Under the
     * monitor {@link SessionRegistry#claim} takes, so a closing session never logs in.
     */
    boolean startClosing() {
        synchronized (this) {
            if (closing) {
                return false;
            }
            closing = true;
            return true;
        }
    }

    public boolean closing() {
        return closing;
    }

    /** Set by {@link SessionRegistry#remove} under this session's monitor. */
    void removed() {
        removed = true;
    }

    boolean isRemoved() {
        return removed;
    }

    LeaveReason leaveReason() {
        return leaveReason == null ? LeaveReason.DISCONNECT : leaveReason;
    }

    /** Queues an event for this connection; false if the outbox refused it. */
    public boolean send(ServerEvent event) {
        if (event instanceof ServerEvent.ErrorEvent e) {
            counter.error(e.code());
        }
        return outbox.offer(codec.frame(event));
    }

    /** Queues a frame already encoded (never an error: those are counted by {@link #send}). */
    public boolean sendFrame(byte[] frame) {
        return outbox.offer(frame);
    }

    public boolean sendError(ErrorCode code, String message, String ref) {
        return send(ServerEvent.ErrorEvent.of(code, message, ref));
    }

    /** Closes the connection now (the transport reports the close to {@link SessionService#closed}). */
    void closeConnection() {
        closer.run();
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    @Override
    public String toString() {
        return user != null ? user + "@" + connectionId : connectionId;
    }
}
