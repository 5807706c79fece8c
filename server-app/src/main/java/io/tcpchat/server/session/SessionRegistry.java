package io.tcpchat.server.session;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who is connected and who is online. Names are unique case-insensitively; the map of
 * online users is what fan-out walks.
 *
 * <p>A session's claim on a name and its removal are one step each under the session's
 * monitor (the one {@link Session#startClosing} takes), so a name is never claimed by a
 * session that is closing or gone, and a removed session never stays online.
 */
@Component
public class SessionRegistry {

    /** What {@link #claim} did. */
    enum Claim {
        /** The session is online under the name. */
        CLAIMED,
        /** Someone else online has the name. */
        TAKEN,
        /** The session is closing or closed: it may not log in any more. */
        CLOSED
    }

    /** How many connections there are, counting the one just added. */
    record Added(int fromAddress, int total) {
    }

    private final ConcurrentHashMap<String, Session> byConnection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Session> online = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final NameClaims claims;

    public SessionRegistry() {
        this(NameClaims.LOCAL);
    }

    /** With the cluster's claims when there are any. */
    @Autowired
    public SessionRegistry(ObjectProvider<NameClaims> claims) {
        this(claims.getIfAvailable(() -> NameClaims.LOCAL));
    }

    SessionRegistry(NameClaims claims) {
        this.claims = claims;
    }

    /** Names online elsewhere too (a cluster's), or {@link NameClaims#LOCAL}. */
    NameClaims claims() {
        return claims;
    }

    /** {@code user} as spelled by whoever has it online, here or on another replica, or {@code null}. */
    public String onlineName(String user) {
        Session s = online(user);
        return s != null ? s.user() : claims.online(user);
    }

    public Session byConnection(String connectionId) {
        return byConnection.get(connectionId);
    }

    /** The online session of {@code user} (any case), or {@code null}. */
    public Session online(String user) {
        return online.get(key(user));
    }

    public Collection<Session> online() {
        return online.values();
    }

    public int onlineCount() {
        return online.size();
    }

    public int connectionCount() {
        return total.get();
    }

    public Collection<Session> connections() {
        return byConnection.values();
    }

    /**
     * Whether a name is online (on any replica, in a cluster), for many names at once: alone a
     * lookup per name; in a cluster one read of the shared table for all of them.
     */
    public java.util.function.Predicate<String> onlineTest() {
        List<String> everywhere = claims.onlineNames();
        if (everywhere == null) {
            return user -> online(user) != null;
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String name : everywhere) {
            keys.add(key(name));
        }
        return user -> keys.contains(key(user));
    }

    /** Everyone online (every replica's, in a cluster), in name order. */
    public List<String> onlineNames() {
        List<String> everywhere = claims.onlineNames();
        if (everywhere != null) {
            return everywhere;
        }
        List<String> names = new ArrayList<>();
        for (Session s : online.values()) {
            names.add(s.user());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** Open connections from {@code address}. */
    int connectionsFrom(String address) {
        return perAddress.getOrDefault(address, 0);
    }

    /** Adds a connection; says how many the address and the server now have open. */
    Added add(Session session) {
        byConnection.put(session.connectionId(), session);
        int all = total.incrementAndGet();
        // counted inside the map's atomic update: a count reaching zero in remove cannot lose this one
        int fromAddress = perAddress.merge(session.address(), 1, Integer::sum);
        return new Added(fromAddress, all);
    }

    /**
     * Removes a connection and releases its name; after this the session can claim none.
     * Returns the session, or {@code null} if it was removed already.
     */
    Session remove(String connectionId) {
        Session s = byConnection.remove(connectionId);
        if (s == null) {
            return null;
        }
        total.decrementAndGet();
        perAddress.computeIfPresent(s.address(), (a, n) -> n <= 1 ? null : n - 1);
        synchronized (s) {
            s.removed();
            if (s.loggedIn()) {
                online.remove(key(s.user()), s);
            }
        }
        return s;
    }

    /**
     * Claims {@code user} for the session and logs it in, unless someone online has the
     * name or the session has started closing (or was removed).
     */
    Claim claim(String user, Session session, String sessionId) {
        synchronized (session) {
            if (session.loggedIn()) {
                throw new IllegalStateException(session + " is logged in already");
            }
            if (session.closing() || session.isRemoved()) {
                return Claim.CLOSED;
            }
            // logged in before the mapping is visible: whoever walks online() sees its name
            Session holder = online.computeIfAbsent(key(user), k -> {
                session.loggedIn(user, sessionId);
                return session;
            });
            return holder == session ? Claim.CLAIMED : Claim.TAKEN;
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
