package io.tcpchat.server.history;

import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Decides, on the event log's store thread and in queue order, the drafts whose outcome
 * depends on state (a room's members, bans, invites, limits): just before they are numbered,
 * so a decision and the seq it gets cannot be reordered (a kick and the kicked user's next
 * message, two joins for the last seat). Rooms implement it; without rooms every draft passes.
 */
public interface EventGate {

    EventGate NONE = new EventGate() {
        @Override
        public List<EventDraft> decide(EventDraft draft) {
            return null;
        }
    };

    /**
     * What to store for {@code draft}: {@code null} for the draft as it is, else the drafts that
     * replace it (none when it changes nothing). The decision takes effect at once for the
     * drafts decided after it.
     *
     * @throws RequestException the request is refused; its sender is told, in order
     */
    List<EventDraft> decide(EventDraft draft) throws RequestException;

    /** Writes the state that {@code stored} changes, in the transaction that stores them (JDBC stores only). */
    default void write(Connection connection, List<EventDraft> drafts, List<ServerEvent.Stored> stored)
            throws SQLException {
    }

    /**
     * Events other replicas of a cluster stored since this gate's last batch, in seq order: applied
     * before the next decision, with the seq counter locked, so decisions follow one order
     * cluster-wide (a server alone never calls it).
     */
    default void caughtUp(List<ServerEvent.Stored> others) {
    }

    /** A batch failed to store: forget the decisions since the last commit. */
    default void reload() {
    }
}
