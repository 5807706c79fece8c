package io.tcpchat.server.accounts;

import java.time.Duration;

/**
 * Failed logins per key (a name, an address) and the lockouts they earn. A server alone keeps
 * them in memory ({@link LoginThrottle}); a cluster in a table every replica shares, so that a
 * guesser gains nothing by moving between replicas.
 */
public interface Throttle {

    /** How long {@code key} is still locked; zero when it is not. */
    Duration lockedFor(String key);

    /** Records a failure; returns true when it starts a lockout. */
    boolean failed(String key);

    /** A success: {@code key}'s count starts over. */
    void succeeded(String key);
}
