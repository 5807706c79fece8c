package io.tcpchat.server.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Files in PostgreSQL large objects, so that every replica of a cluster reaches every file
 * and the quota counts the files of all of them. A row of {@code chat_file} (migration V6)
 * names each file's large object; its {@code stored_at} is null until the upload commits,
 * so a file appears whole or not at all.
 * <p>
 * Every operation is one short statement or transaction on a pooled connection, through
 * the server-side functions {@code lo_put} and {@code lo_get}: a chunk in, a chunk out. No
 * transaction stays open for the length of an upload or a download (a slow client would
 * otherwise hold a pooled connection, and a large object's descriptor lives only as long
 * as its transaction), and no file is ever held whole in memory.
 * <p>
 * Uploads left by a replica that died are found by their {@code touched_at} (the database's
 * clock, updated with every chunk): older than {@code staleAfter}, they are deleted at start
 * and with each retention run.
 */
public final class PostgresFileStore implements FileStore {

    private static final Logger log = LoggerFactory.getLogger(PostgresFileStore.class);
    private static final String COLUMNS = "id, name, size, sha256, from_name, to_name, room_name, stored_at";
    /** Deletes rows and their large objects in one statement, so two replicas never unlink one twice. */
    private static final String DELETE_RETURNING = "WITH d AS (DELETE FROM chat_file WHERE %s RETURNING *) "
            + "SELECT " + COLUMNS + ", lo_unlink(blob_oid) FROM d";

    private final DataSource dataSource;
    private final Duration staleAfter;

    private PostgresFileStore(DataSource dataSource, Duration staleAfter) {
        this.dataSource = dataSource;
        this.staleAfter = staleAfter;
    }

    /**
     * Checks that {@code dataSource} is PostgreSQL and deletes uploads left unfinished.
     *
     * @throws IllegalStateException when the database is anything else: large objects are
     *                               PostgreSQL's, and a store on H2 would not be shared
     */
    public static PostgresFileStore open(DataSource dataSource, Duration staleAfter) {
        String product;
        String url;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("chat.files.store=postgres: cannot reach the database", e);
        }
        if (!"PostgreSQL".equals(product)) {
            throw new IllegalStateException("chat.files.store=postgres needs spring.datasource to be PostgreSQL, but it is "
                    + product + " (" + url + "): point spring.datasource.url at PostgreSQL (the postgres profile) "
                    + "or set chat.files.store=local");
        }
        PostgresFileStore store = new PostgresFileStore(dataSource, staleAfter);
        int stale = store.deleteStaleUploads();
        log.info("file store: PostgreSQL large objects ({}), {} stale uploads deleted", url, stale);
        return store;
    }

    @Override
    public PendingFile create(long id) throws IOException {
        long oid;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement create = c.prepareStatement("SELECT lo_create(0)");
                 ResultSet rs = create.executeQuery()) {
                rs.next();
                oid = rs.getLong(1);
                try (PreparedStatement row = c.prepareStatement(
                        "INSERT INTO chat_file (id, blob_oid, touched_at) VALUES (?, ?, CURRENT_TIMESTAMP)")) {
                    row.setLong(1, id);
                    row.setLong(2, oid);
                    row.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("cannot create file " + id, e);
        }
        return new Pending(id, oid);
    }

    /** One upload: each chunk is appended with {@code lo_put} in a transaction of its own. */
    private final class Pending implements PendingFile {
        private final long id;
        private final long oid;
        private long written;
        private boolean done;

        Pending(long id, long oid) {
            this.id = id;
            this.oid = oid;
        }

        @Override
        public void write(byte[] data) throws IOException {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement put = c.prepareStatement("SELECT lo_put(?, ?, ?)");
                     PreparedStatement touch = c.prepareStatement(
                             "UPDATE chat_file SET touched_at = CURRENT_TIMESTAMP WHERE id = ? AND stored_at IS NULL")) {
                    put.setLong(1, oid);
                    put.setLong(2, written);
                    put.setBytes(3, data);
                    put.execute();
                    touch.setLong(1, id);
                    if (touch.executeUpdate() != 1) {
                        throw new SQLException("upload " + id + " was deleted as stale");
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw new IOException("cannot write file " + id + " at " + written, e);
            }
            written += data.length;
        }

        @Override
        public StoredFile commit(StoredFile metadata) throws IOException {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE chat_file SET name = ?, size = ?, sha256 = ?, "
                         + "from_name = ?, to_name = ?, stored_at = ?, room_name = ? WHERE id = ? AND stored_at IS NULL")) {
                ps.setString(1, metadata.name());
                ps.setLong(2, metadata.size());
                ps.setString(3, metadata.sha256());
                ps.setString(4, metadata.from());
                ps.setString(5, metadata.to());
                ps.setTimestamp(6, Timestamp.from(metadata.storedAt()));
                ps.setString(7, metadata.room());
                ps.setLong(8, id);
                if (ps.executeUpdate() != 1) {
                    throw new IOException("upload " + id + " is gone (deleted as stale)");
                }
            } catch (SQLException e) {
                throw new IOException("cannot commit file " + id, e);
            }
            done = true;
            return metadata;
        }

        @Override
        public void discard() {
            if (done) {
                return;
            }
            done = true;
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement(
                         DELETE_RETURNING.formatted("id = ? AND stored_at IS NULL"))) {
                ps.setLong(1, id);
                ps.executeQuery().close();
            } catch (SQLException e) {
                log.warn("could not delete upload {} (it will go as stale): {}", id, e.toString());
            }
        }
    }

    @Override
    public Optional<StoredFile> find(long id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT " + COLUMNS + " FROM chat_file WHERE id = ? AND stored_at IS NOT NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(file(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot look up file " + id, e);
        }
    }

    @Override
    public SeekableByteChannel open(long id) throws IOException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT blob_oid, size FROM chat_file WHERE id = ? AND stored_at IS NOT NULL")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchFileException("file " + id);
                }
                return new LargeObjectChannel(dataSource, rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IOException("cannot open file " + id, e);
        }
    }

    /** Committed bytes of every replica: the quota holds cluster-wide. */
    @Override
    public long usedBytes() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COALESCE(SUM(size), 0) FROM chat_file WHERE stored_at IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot sum the file store", e);
        }
    }

    @Override
    public List<StoredFile> deleteStoredBefore(Instant cutoff) {
        deleteStaleUploads();
        List<StoredFile> deleted = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(DELETE_RETURNING.formatted("stored_at < ?"))) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.add(file(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("file retention failed", e);
        }
        return deleted;
    }

    /** Uploads no replica has written to for {@code staleAfter}: their uploader died. */
    int deleteStaleUploads() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(DELETE_RETURNING.formatted(
                     "stored_at IS NULL AND touched_at < CURRENT_TIMESTAMP - make_interval(secs => ?)"))) {
            ps.setDouble(1, staleAfter.toMillis() / 1000.0);
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        } catch (SQLException e) {
            log.warn("could not delete stale uploads: {}", e.toString());
            return 0;
        }
    }

    private static StoredFile file(ResultSet rs) throws SQLException {
        return new StoredFile(rs.getLong("id"), rs.getString("name"), rs.getLong("size"), rs.getString("sha256"),
                rs.getString("from_name"), rs.getString("to_name"), rs.getTimestamp("stored_at").toInstant(),
                rs.getString("room_name"));
    }
}
