package io.tcpchat.server.history;

import org.junit.jupiter.api.AfterEach;

import java.time.Clock;

/** The store contract on the real PostgreSQL at 127.0.0.1:5432 (database test), one schema per test. */
class PostgresEventStoreTests extends EventStoreContract {

    private String schema;
    private javax.sql.DataSource dataSource;

    @Override
    EventStore newStore(Clock clock) {
        schema = Databases.postgresSchema();
        dataSource = Databases.postgres(schema);
        return new JdbcEventStore(dataSource, clock);
    }

    @Override
    EventStore reopen() {
        return new JdbcEventStore(dataSource, clock);
    }

    @AfterEach
    void drop() {
        if (schema != null) {
            Databases.dropPostgres(schema);
        }
    }
}
