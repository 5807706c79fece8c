package io.tcpchat.server.history;

import java.time.Clock;

/** The store contract on H2, the embedded default. */
class H2EventStoreTests extends EventStoreContract {

    @Override
    EventStore newStore(Clock clock) {
        return new JdbcEventStore(Databases.h2(), clock);
    }
}
