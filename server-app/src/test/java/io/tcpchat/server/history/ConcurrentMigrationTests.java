package io.tcpchat.server.history;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas started at the same moment on an empty database must not race on the
 * migrations. Three threads run the server's Flyway migration (its locations, its
 * datasource settings: the schema is the connection's current one) at once on a fresh,
 * empty schema of the local PostgreSQL. Flyway serializes them with a PostgreSQL advisory
 * lock (pg_try_advisory_xact_lock, retried) taken per migration transaction: the replicas
 * may share the work (one applies the first two, another the rest, as seen under load), but
 * each migration is applied exactly once and all succeed.
 */
class ConcurrentMigrationTests {

    private static final int REPLICAS = 3;

    @RepeatedTest(3)
    void threeReplicasMigrateAnEmptySchemaAtOnce() throws Exception {
        Databases.requirePostgres();
        String schema = Databases.postgresSchema();
        try {
            try (Connection c = DriverManager.getConnection(Databases.POSTGRES, Databases.POSTGRES_USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            List<MigrateResult> results = migrateAtOnce(schema);

            int migrations = migrationFiles();
            assertThat(results).allMatch(r -> r.success);
            assertThat(results.stream().mapToInt(r -> r.migrationsExecuted).sum())
                    .as("each migration applied exactly once, by whichever replica").isEqualTo(migrations);
            try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
                 Statement s = c.createStatement()) {
                assertThat(longs(s, "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL AND success"))
                        .containsExactly((long) migrations);
                assertThat(longs(s, "SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"))
                        .containsExactly((long) migrations);
                assertThat(longs(s, "SELECT id, last_seq FROM chat_seq")).as("one counter row").containsExactly(1L, 0L);
                assertThat(longs(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema
                        + "' AND table_name IN ('chat_event', 'chat_account', 'chat_seq', 'chat_file')"))
                        .containsExactly(4L);
            }
        } finally {
            Databases.dropPostgres(schema);
        }
    }

    private static List<MigrateResult> migrateAtOnce(String schema) throws Exception {
        CyclicBarrier start = new CyclicBarrier(REPLICAS);
        try (ExecutorService pool = Executors.newFixedThreadPool(REPLICAS)) {
            List<Future<MigrateResult>> futures = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                futures.add(pool.submit(() -> {
                    var dataSource = new DriverManagerDataSource(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
                    Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
                    start.await(30, TimeUnit.SECONDS);
                    return flyway.migrate();
                }));
            }
            List<MigrateResult> results = new ArrayList<>();
            for (Future<MigrateResult> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    private static int migrationFiles() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql").length;
    }

    private static List<Long> longs(Statement s, String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.add(rs.getLong(i));
                }
            }
        }
        return out;
    }
}
