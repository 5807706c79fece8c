package io.tcpchat.server.history;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The real databases the store tests run on: H2 in memory, and the local PostgreSQL. */
public final class Databases {

    public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String POSTGRES_USER = "postgres";

    private Databases() {
    }

    /** A fresh, migrated H2 database. */
    public static DataSource h2() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).load().migrate();
        return ds;
    }

    /**
     * A fresh schema in the local PostgreSQL, migrated. Where PostgreSQL is not reachable
     * the test is skipped with a message, except in CI ({@code CI=true}), where it fails.
     */
    public static String postgresSchema() {
        requirePostgres();
        return "chat_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static DataSource postgres(String schema) {
        DataSource ds = new DriverManagerDataSource(postgresUrl(schema), POSTGRES_USER, "");
        Flyway.configure().dataSource(ds).schemas(schema).load().migrate();
        return ds;
    }

    public static String postgresUrl(String schema) {
        return POSTGRES + "?currentSchema=" + schema;
    }

    public static void dropPostgres(String schema) {
        try (Connection c = DriverManager.getConnection(POSTGRES, POSTGRES_USER, "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            // best effort: a left-over test schema harms nothing
        }
    }

    public static void requirePostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(POSTGRES, POSTGRES_USER, "")) {
            c.isValid(3);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is required in CI but not reachable at " + POSTGRES, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + POSTGRES + " (" + e.getMessage()
                    + "): skipped here; CI (CI=true) fails instead");
        }
    }
}
