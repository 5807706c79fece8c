package io.tcpchat.server.history;

import java.time.Clock;

/** The store contract on the in-memory ring (chat.history.store=memory). */
class InMemoryEventStoreTests extends EventStoreContract {

    @Override
    EventStore newStore(Clock clock) {
        return new InMemoryEventStore(100, clock);
    }
}
