package io.tcpchat.server.cluster;

import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.EventDraft;
import io.tcpchat.server.history.EventLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This replica's row in {@code chat_node}, its heartbeat by the database's clock, and the
 * clean-up after a replica that died: the survivor whose {@code DELETE} of the dead row wins (the
 * row lock picks one) adopts its names and stores a {@code left{disconnect}} for each, freeing
 * each name once its left is stored (so a new login's joined follows it). A survivor that dies
 * meanwhile leaves the adopted names to the next one. A graceful stop deletes this replica's rows
 * after its sessions have closed.
 */
final class NodeHeartbeat implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private final DataSource dataSource;
    private final EventLog eventLog;
    private final String nodeId;
    private final Duration interval;
    private final Duration deadAfter;
    /** Heartbeat age in ms of every other replica, as of the last beat. */
    private final Map<String, Long> others = new ConcurrentHashMap<>();
    private final Runnable onDeclaredDead;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    NodeHeartbeat(DataSource dataSource, EventLog eventLog, String nodeId, Duration interval, Duration deadAfter,
                  Runnable onDeclaredDead) {
        this.onDeclaredDead = onDeclaredDead;
        this.dataSource = dataSource;
        this.eventLog = eventLog;
        this.nodeId = nodeId;
        this.interval = interval;
        this.deadAfter = deadAfter;
    }

    @Override
    public void start() {
        try (Connection c = dataSource.getConnection()) {
            // an earlier life of this node id (killed, restarted): its names are stale
            update(c, "DELETE FROM chat_node WHERE node_id = ?", nodeId);
            update(c, "INSERT INTO chat_node (node_id, started_at, heartbeat_at) "
                    + "VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", nodeId);
            leave(adopt(c, nodeId));
        } catch (SQLException e) {
            throw new IllegalStateException("registering node " + nodeId + " failed", e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("cluster-heartbeat")
                .daemon().unstarted(r));
        timer.scheduleWithFixedDelay(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
        log.info("node {} registered", nodeId);
    }

    private void beat() {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, "UPDATE chat_node SET heartbeat_at = CURRENT_TIMESTAMP WHERE node_id = ?", nodeId) == 0) {
                // declared dead (a pause longer than dead-after): our users were marked left and their
                // names freed; our clients must log in anew, so they are dropped, then we register again
                log.warn("node {} was declared dead by the others; closing its connections, registering again", nodeId);
                onDeclaredDead.run();
                update(c, "INSERT INTO chat_node (node_id, started_at, heartbeat_at) "
                        + "VALUES (?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", nodeId);
            }
            List<String> dead = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id, "
                    + "CAST(EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - heartbeat_at)) * 1000 AS BIGINT) FROM chat_node "
                    + "WHERE node_id <> ?")) {
                ps.setString(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    others.clear();
                    while (rs.next()) {
                        others.put(rs.getString(1), rs.getLong(2));
                        if (rs.getLong(2) > deadAfter.toMillis()) {
                            dead.add(rs.getString(1));
                        }
                    }
                }
            }
            for (String node : dead) {
                // the row lock decides which survivor cleans up
                List<String[]> names = null;
                c.setAutoCommit(false); // the row and its names change hands together
                try {
                    if (update(c, "DELETE FROM chat_node WHERE node_id = ? AND heartbeat_at < CURRENT_TIMESTAMP - "
                            + "CAST(? AS INTERVAL)", node, deadAfter.toMillis() + " milliseconds") == 1) {
                        names = adopt(c, node);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                if (names != null) {
                    log.warn("node {} is dead (no heartbeat for {}): {} users leave", node, deadAfter, names.size());
                    leave(names);
                    others.remove(node);
                }
            }
            // names adopted by a survivor that died before it freed them
            leave(adopt(c, null));
        } catch (SQLException | RuntimeException e) {
            log.warn("heartbeat of node {} failed: {}", nodeId, e.toString());
        }
    }

    /**
     * Makes {@code node}'s online rows this replica's (for {@code null}: rows whose replica is
     * gone); returns their names and session ids. Each row changes hands by an {@code UPDATE}
     * whose condition is its current owner, which the database re-checks after waiting for a
     * concurrent one: so one replica adopts each row, however many sweep at once.
     */
    private List<String[]> adopt(Connection c, String node) throws SQLException {
        List<String[]> owned = new ArrayList<>(); // name_key, owner
        if (node != null) {
            owned.add(null);
        } else {
            try (PreparedStatement ps = c.prepareStatement("SELECT name_key, node_id FROM chat_online o "
                    + "WHERE NOT EXISTS (SELECT 1 FROM chat_node n WHERE n.node_id = o.node_id)");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owned.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        List<String[]> names = new ArrayList<>();
        for (String[] row : owned) {
            String sql = row == null
                    ? "UPDATE chat_online SET node_id = ? WHERE node_id = ? RETURNING name, session_id"
                    : "UPDATE chat_online SET node_id = ? WHERE node_id = ? AND name_key = ? RETURNING name, session_id";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, nodeId);
                ps.setString(2, row == null ? node : row[1]);
                if (row != null) {
                    ps.setString(3, row[0]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
        }
        return names;
    }

    /** Stores each name's {@code left{disconnect}}; frees the name once it is stored. */
    private void leave(List<String[]> names) {
        for (String[] name : names) {
            eventLog.publish(new EventDraft.Left(name[0], LeaveReason.DISCONNECT), new EventLog.Committed() {
                @Override
                public void stored(ServerEvent.Stored event) {
                    free(name);
                }

                @Override
                public void failed(Exception e) {
                    free(name); // the next beat's sweep finds no row then; the user may log in again
                }
            });
        }
    }

    /** On the publish thread: the delete runs on the heartbeat's thread, never under the fan-out lock. */
    private void free(String[] name) {
        ScheduledExecutorService t = timer;
        Runnable delete = () -> {
            try (Connection c = dataSource.getConnection()) {
                update(c, "DELETE FROM chat_online WHERE name_key = LOWER(?) AND session_id = ?", name[0], name[1]);
            } catch (SQLException e) {
                log.warn("freeing {} failed: {}", name[0], e.toString());
            }
        };
        if (t != null && !t.isShutdown()) {
            t.execute(delete);
        } else {
            delete.run();
        }
    }

    /** Heartbeat ages (ms) of the other replicas, as of the last beat. */
    Map<String, Long> others() {
        return others;
    }

    @Override
    public void stop() {
        running = false;
        if (timer != null) {
            timer.shutdown();
        }
        try (Connection c = dataSource.getConnection()) {
            update(c, "DELETE FROM chat_online WHERE node_id = ?", nodeId);
            update(c, "DELETE FROM chat_node WHERE node_id = ?", nodeId);
        } catch (SQLException e) {
            log.warn("deleting node {}'s rows failed (the others will, after {}): {}", nodeId, deadAfter, e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** First up, last down: registered before the tail and the log start, deleted after they stop. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 98;
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
