package io.tcpchat.server.history;

import javax.sql.DataSource;
import java.time.Clock;

/** The store contract on H2, the embedded default. */
class H2EventStoreTests extends EventStoreContract {

    private DataSource dataSource;

    @Override
    EventStore newStore(Clock clock) {
        dataSource = Databases.h2();
        return new JdbcEventStore(dataSource, clock);
    }

    @Override
    EventStore reopen() {
        return new JdbcEventStore(dataSource, clock);
    }
}
