package io.tcpchat.server.files;

import io.tcpchat.server.history.Databases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Large objects belong to the database, not to a schema: dropping a test schema would leave
 * its files' bytes behind. These helpers look them up and unlink them first.
 */
public final class PostgresFiles {

    private PostgresFiles() {
    }

    public static boolean largeObjectExists(long oid) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.POSTGRES, Databases.POSTGRES_USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM pg_largeobject_metadata WHERE oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    /** Unlinks the large objects of every file row in {@code schema}, committed or not. */
    public static void unlinkAll(String schema) {
        try (Connection c = DriverManager.getConnection(Databases.POSTGRES, Databases.POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("SELECT lo_unlink(blob_oid) FROM " + schema + ".chat_file "
                    + "WHERE blob_oid IN (SELECT oid FROM pg_largeobject_metadata)");
        } catch (SQLException e) {
            // best effort, as dropping the schema is
        }
    }
}
