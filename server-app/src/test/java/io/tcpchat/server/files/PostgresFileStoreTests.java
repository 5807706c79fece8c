package io.tcpchat.server.files;

import io.tcpchat.server.history.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The large-object store on the real PostgreSQL at 127.0.0.1:5432, one schema per test. */
class PostgresFileStoreTests {

    private String schema;
    private DataSource dataSource;
    private PostgresFileStore store;

    @BeforeEach
    void open() {
        schema = Databases.postgresSchema();
        dataSource = Databases.postgres(schema);
        store = PostgresFileStore.open(dataSource, Duration.ofMinutes(5));
    }

    @AfterEach
    void drop() {
        PostgresFiles.unlinkAll(schema);
        Databases.dropPostgres(schema);
    }

    @Test
    void aFileAppearsOnlyWhenCommittedAndReadsBackFromAnyOffset() throws Exception {
        byte[] bytes = bytes(3 * 100_000 + 17);
        FileStore.PendingFile pending = store.create(7);
        for (int off = 0; off < bytes.length; off += 100_000) {
            pending.write(Arrays.copyOfRange(bytes, off, Math.min(bytes.length, off + 100_000)));
        }
        assertThat(store.find(7)).as("invisible before commit").isEmpty();
        assertThat(store.usedBytes()).isZero();
        StoredFile meta = new StoredFile(7, "a.bin", bytes.length, "0".repeat(64), "ann", "bob",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        pending.commit(meta);
        pending.discard(); // after commit: nothing happens

        assertThat(store.find(7)).contains(meta);
        assertThat(store.usedBytes()).isEqualTo(bytes.length);
        try (SeekableByteChannel ch = store.open(7)) {
            assertThat(readAll(ch, 0, 65_536)).isEqualTo(bytes);
            assertThat(readAll(ch, 250_001, 4096)).isEqualTo(Arrays.copyOfRange(bytes, 250_001, bytes.length));
            assertThat(ch.position(bytes.length).read(ByteBuffer.allocate(10))).isEqualTo(-1);
        }
        assertThatThrownBy(() -> store.open(8)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aDiscardedUploadLeavesNoLargeObject() throws Exception {
        FileStore.PendingFile pending = store.create(9);
        pending.write(bytes(1000));
        long oid = oidOf(9);
        assertThat(PostgresFiles.largeObjectExists(oid)).isTrue();
        pending.discard();
        pending.discard();
        assertThat(PostgresFiles.largeObjectExists(oid)).isFalse();
        assertThat(rows()).isZero();
    }

    @Test
    void retentionDeletesTheRowAndItsLargeObject() throws Exception {
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        store(11, old, 5000);
        store(12, Instant.now().truncatedTo(ChronoUnit.MILLIS), 3000);
        long oldOid = oidOf(11);
        long newOid = oidOf(12);

        assertThat(store.deleteStoredBefore(old.plusSeconds(1))).extracting(StoredFile::id).containsExactly(11L);
        assertThat(PostgresFiles.largeObjectExists(oldOid)).as("no orphan large object").isFalse();
        assertThat(PostgresFiles.largeObjectExists(newOid)).isTrue();
        assertThat(store.find(11)).isEmpty();
        assertThat(store.usedBytes()).isEqualTo(3000);
        assertThat(store.deleteStoredBefore(old.plusSeconds(1))).isEmpty();
    }

    @Test
    void uploadsNobodyWritesToAreDeletedAsStaleAndFailIfResumed() throws Exception {
        FileStore.PendingFile pending = store.create(13);
        pending.write(bytes(10));
        long oid = oidOf(13);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE chat_file SET touched_at = touched_at - INTERVAL '1 hour' WHERE id = 13");
        }
        assertThat(store.deleteStoredBefore(Instant.EPOCH)).isEmpty();
        assertThat(PostgresFiles.largeObjectExists(oid)).isFalse();
        assertThatThrownBy(() -> pending.write(bytes(10))).hasMessageContaining("13");
    }

    @Test
    void anotherDatabaseIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> PostgresFileStore.open(Databases.h2(), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chat.files.store=postgres needs spring.datasource to be PostgreSQL")
                .hasMessageContaining("H2");
    }

    private void store(long id, Instant at, int size) throws Exception {
        FileStore.PendingFile p = store.create(id);
        p.write(bytes(size));
        p.commit(new StoredFile(id, "f" + id, size, "0".repeat(64), "ann", null, at));
    }

    private long oidOf(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT blob_oid FROM chat_file WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private int rows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM chat_file")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static byte[] readAll(SeekableByteChannel ch, long from, int chunk) throws Exception {
        ch.position(from);
        ByteBuffer out = ByteBuffer.allocate((int) (ch.size() - from));
        ByteBuffer buf = ByteBuffer.allocate(chunk);
        while (ch.read(buf.clear()) > 0) {
            out.put(buf.flip());
        }
        return out.array();
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new SplittableRandom(n).nextBytes(b);
        return b;
    }
}
