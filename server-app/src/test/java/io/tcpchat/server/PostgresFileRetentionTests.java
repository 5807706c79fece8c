package io.tcpchat.server;

import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.files.PostgresFiles;
import io.tcpchat.server.history.Databases;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention on the PostgreSQL file store deletes each file's row and its large object: no orphans. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.files.store=postgres",
        "chat.files.retention=1s"})
@DirtiesContext // closed after the class: its retention, every 100 ms, would go on failing on the dropped schema
class PostgresFileRetentionTests {

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
        registry.add("chat.files.dir", () -> FileTransferTests.tempDir("pgretention").toString());
    }

    @AfterAll
    static void drop() {
        PostgresFiles.unlinkAll(schema);
        Databases.dropPostgres(schema);
    }

    @Autowired
    ChatEndpoint endpoint;

    @Test
    void anExpiredFileLeavesNeitherRowNorLargeObject() throws Exception {
        try (var a = TestClient.login(endpoint.port(), "pgKeeper")) {
            ServerEvent.Ack ack = Files.upload(a, "old.bin", new Files.Content(3, 300_000), null);
            long oid;
            try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
                 PreparedStatement ps = c.prepareStatement("SELECT blob_oid FROM chat_file WHERE id = ?")) {
                ps.setLong(1, ack.file());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("a row for the stored file").isTrue();
                    oid = rs.getLong(1);
                }
            }
            assertThat(PostgresFiles.largeObjectExists(oid)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !PostgresFiles.largeObjectExists(oid));
            try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
                 var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM chat_file")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            a.send(new io.tcpchat.protocol.ClientEvent.Download(ack.file(), null, "gone"));
            assertThat(a.awaitError("not_found").ref()).isEqualTo("gone");
        }
    }
}
