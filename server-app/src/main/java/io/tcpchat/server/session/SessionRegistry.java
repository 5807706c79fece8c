package io.tcpchat.server.session;

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
 */
@Component
public class SessionRegistry {

    private final ConcurrentHashMap<String, Session> byConnection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Session> online = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();

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
        return byConnection.size();
    }

    public Collection<Session> connections() {
        return byConnection.values();
    }

    public List<String> onlineNames() {
        List<String> names = new ArrayList<>();
        for (Session s : online.values()) {
            names.add(s.user());
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    /** Adds a connection; returns how many the address now has open. */
    int add(Session session) {
        byConnection.put(session.connectionId(), session);
        return perAddress.computeIfAbsent(session.address(), a -> new AtomicInteger()).incrementAndGet();
    }

    Session remove(String connectionId) {
        Session s = byConnection.remove(connectionId);
        if (s != null) {
            perAddress.computeIfPresent(s.address(), (a, n) -> n.decrementAndGet() <= 0 ? null : n);
            if (s.loggedIn()) {
                online.remove(key(s.user()), s);
            }
        }
        return s;
    }

    /** Claims {@code user} for the session; false if someone online has it. */
    boolean claim(String user, Session session) {
        return online.putIfAbsent(key(user), session) == null;
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
