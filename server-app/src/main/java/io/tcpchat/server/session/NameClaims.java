package io.tcpchat.server.session;

import java.util.List;

/**
 * Names online beyond this server's own connections: in a cluster, a table every replica shares
 * (package cluster), so a name is online on one replica only and {@code who} lists them all.
 * Alone, the {@link SessionRegistry} is all there is ({@link #LOCAL}).
 */
public interface NameClaims {

    /** A server alone: every claim holds, no one is online elsewhere. */
    NameClaims LOCAL = new NameClaims() {
        @Override
        public boolean claim(String user, String sessionId) {
            return true;
        }

        @Override
        public void release(String user, String sessionId) {
        }

        @Override
        public void leaving(String user, String sessionId) {
        }

        @Override
        public List<String> onlineNames() {
            return null;
        }

        @Override
        public String online(String user) {
            return null;
        }
    };

    /** Claims {@code user} (any case) for the session; false when it is online anywhere already. */
    boolean claim(String user, String sessionId);

    /**
     * The session closed here and its {@code left} is queued; {@link #release} follows once that is
     * stored. Meanwhile a new login of the name on this replica may take the claim over: its
     * {@code joined} is queued after that {@code left}, so the order holds.
     */
    void leaving(String user, String sessionId);

    /** Lets the session's claim go (nothing if it holds none any more). */
    void release(String user, String sessionId);

    /** Every name online anywhere, or {@code null} for the registry's own. */
    List<String> onlineNames();

    /** {@code user} as spelled by whoever has it online anywhere, or {@code null}. */
    String online(String user);
}
