package io.tcpchat.server.cluster;

import io.tcpchat.server.session.NameClaims;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Online names cluster-wide: a row per name in {@code chat_online} (migration V7), whose primary
 * key on the lower-case name makes a second claim fail, whichever replica makes it. Each row
 * names its replica, so a dead replica's names can be freed ({@link NodeHeartbeat}).
 */
final class OnlineTable implements NameClaims {

    private final DataSource dataSource;
    private final String nodeId;
    /** Sessions closed here whose rows go once their left is stored: name key to session id. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> leaving = new java.util.concurrent.ConcurrentHashMap<>();

    OnlineTable(DataSource dataSource, String nodeId) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
    }

    @Override
    public boolean claim(String user, String sessionId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_online (name_key, name, node_id, "
                    + "session_id, since) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP) ON CONFLICT (name_key) DO NOTHING")) {
                ps.setString(1, key(user));
                ps.setString(2, user);
                ps.setString(3, nodeId);
                ps.setString(4, sessionId);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            String old = leaving.get(key(user));
            if (old == null) {
                return false;
            }
            // a reconnect here while the old session's left is on its way: take the claim over (once:
            // the row must still be the old session's)
            try (PreparedStatement ps = c.prepareStatement("UPDATE chat_online SET session_id = ?, name = ?, "
                    + "since = CURRENT_TIMESTAMP WHERE name_key = ? AND node_id = ? AND session_id = ?")) {
                ps.setString(1, sessionId);
                ps.setString(2, user);
                ps.setString(3, key(user));
                ps.setString(4, nodeId);
                ps.setString(5, old);
                boolean taken = ps.executeUpdate() == 1;
                if (taken) {
                    leaving.remove(key(user), old);
                }
                return taken;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claiming a name failed", e);
        }
    }

    @Override
    public void leaving(String user, String sessionId) {
        leaving.put(key(user), sessionId);
    }

    @Override
    public void release(String user, String sessionId) {
        leaving.remove(key(user), sessionId);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM chat_online WHERE name_key = ? AND session_id = ?")) {
            ps.setString(1, key(user));
            ps.setString(2, sessionId);
            ps.executeUpdate();
        } catch (SQLException e) {
            // the row stays until this replica stops or is declared dead
            throw new IllegalStateException("releasing a name failed", e);
        }
    }

    @Override
    public List<String> onlineNames() {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name FROM chat_online");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading who is online failed", e);
        }
        names.sort(String.CASE_INSENSITIVE_ORDER);
        return names;
    }

    @Override
    public String online(String user) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name FROM chat_online WHERE name_key = ?")) {
            ps.setString(1, key(user));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading who is online failed", e);
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
