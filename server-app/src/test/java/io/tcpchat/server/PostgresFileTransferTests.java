package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.files.FileStore;
import io.tcpchat.server.files.PostgresFiles;
import io.tcpchat.server.history.Databases;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store and forward over real sockets with the server's files in PostgreSQL large objects
 * (chat.files.store=postgres) on the local PostgreSQL, in a schema of this class's own.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.files.store=postgres",
        "chat.files.quota=3MB", "chat.files.retention=0", "chat.limits.rate=0", "chat.limits.upload-timeout=5s"})
@DirtiesContext // its schema is dropped after the class: no later class may reuse it
class PostgresFileTransferTests {

    static final Path DIR = FileTransferTests.tempDir("pgfiles");
    static String schema;

    @BeforeAll
    static void requirePostgres() {
        Databases.requirePostgres();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema = Databases.postgresSchema();
        Databases.postgres(schema);
        registry.add("spring.datasource.url", () -> Databases.postgresUrl(schema));
        registry.add("spring.datasource.username", () -> Databases.POSTGRES_USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("chat.files.dir", DIR::toString);
    }

    @AfterAll
    static void drop() {
        PostgresFiles.unlinkAll(schema);
        Databases.dropPostgres(schema);
    }

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    FileStore store;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 262_145, 3 * 262_144 + 1000})
    void filesArriveByteIdenticalFromTheDatabase(long size) throws Exception {
        String s = "pg" + size;
        try (var sender = TestClient.login(port, s + "src"); var r1 = TestClient.login(port, s + "r1");
             var r2 = TestClient.login(port, s + "r2")) {
            sender.await(ServerEvent.Joined.class, j -> j.user().equals(s + "r2"));
            var content = new Files.Content(size, size);
            ServerEvent.Ack ack = Files.upload(sender, "pg-" + size + ".bin", content, null);
            assertThat(largeObjectOf(ack.file())).as("the bytes are in a large object")
                    .satisfies(oid -> assertThat(PostgresFiles.largeObjectExists(oid)).isTrue());
            for (TestClient r : List.of(r1, r2)) {
                ServerEvent.FileAvailable f = r.await(ServerEvent.FileAvailable.class);
                assertThat(f.file()).isEqualTo(ack.file());
                assertThat(Files.Download.start(r, f.file(), 0, null).awaitSha256()).isEqualTo(content.sha256());
            }
        }
        try (Stream<Path> entries = java.nio.file.Files.list(DIR)) {
            assertThat(entries).as("nothing in the local folder").isEmpty();
        }
    }

    @Test
    void aDownloadResumesFromAnOffset() throws Exception {
        var content = new Files.Content(17, 700_000);
        try (var a = TestClient.login(port, "pgResumeA"); var b = TestClient.login(port, "pgResumeB")) {
            a.await(ServerEvent.Joined.class, j -> j.user().equals("pgResumeB"));
            long file = Files.upload(a, "r.bin", content, "pgResumeB").file();
            b.await(ServerEvent.FileAvailable.class);
            assertThat(Files.Download.start(b, file, 300_001, null).awaitSha256())
                    .isEqualTo(content.sha256From(300_001));
            var atEnd = Files.Download.start(b, file, 700_000, null);
            assertThat(atEnd.awaitSha256()).isEqualTo(content.sha256From(700_000));
            assertThat(atEnd.bytes.get()).isZero();
        }
    }

    @Test
    void theQuotaCountsFilesStoredByAnyReplica() throws Exception {
        long quota = 3L * 1024 * 1024;
        try (var a = TestClient.login(port, "pgQuota")) {
            a.send(new ClientEvent.Upload("big", quota + 1, "0".repeat(64), null, "over"));
            assertThat(a.awaitError("quota_exceeded").ref()).isEqualTo("over");

            long room = quota - store.usedBytes();
            ServerEvent.UploadReady fits = Files.announce(a, "fits", new Files.Content(1, 2000), null);
            a.send(new ClientEvent.Cancel(fits.file(), "c"));
            a.await(ServerEvent.Ack.class, ack -> "c".equals(ack.ref()));

            // another replica commits a file that leaves less than 2000 bytes of room
            otherReplicaStores(room - 1000);
            try {
                assertThat(store.usedBytes()).isEqualTo(quota - 1000);
                a.send(new ClientEvent.Upload("now-too-big", 2000L, "0".repeat(64), null, "full"));
                assertThat(a.awaitError("quota_exceeded").ref()).isEqualTo("full");
            } finally {
                sql("SELECT lo_unlink(blob_oid) FROM chat_file WHERE id = 1; DELETE FROM chat_file WHERE id = 1");
            }
        }
    }

    private static void sql(String statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
             var s = c.createStatement()) {
            s.execute(statements);
        }
    }

    @Test
    void aDisconnectMidUploadLeavesNoRowAndNoLargeObject() throws Exception {
        long file;
        long oid;
        try (var a = TestClient.login(port, "pgQuitter")) {
            ServerEvent.UploadReady ready = Files.announce(a, "half.bin", new Files.Content(6, 100_000), null);
            file = ready.file();
            a.sendRaw(FrameEncoder.data(file, 0, new byte[1000], 0, 1000));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> largeObjectOf(file) != null);
            oid = largeObjectOf(file);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> largeObjectOf(file) == null);
        assertThat(PostgresFiles.largeObjectExists(oid)).isFalse();
    }

    private static void otherReplicaStores(long size) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
             PreparedStatement ps = c.prepareStatement("INSERT INTO chat_file (id, blob_oid, name, size, sha256, "
                     + "from_name, stored_at, touched_at) VALUES (1, lo_create(0), 'x', ?, ?, 'elsewhere', "
                     + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            ps.setLong(1, size);
            ps.setString(2, "0".repeat(64));
            ps.executeUpdate();
        }
    }

    /** The large object of a file's row, or {@code null} when there is no row. */
    private static Long largeObjectOf(long file) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT blob_oid FROM chat_file WHERE id = ?")) {
            ps.setLong(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }
}
