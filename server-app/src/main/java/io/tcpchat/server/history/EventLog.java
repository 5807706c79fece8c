package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place events get their order: each is stored (which gives it its {@code seq})
 * and published on the {@code events} channel under one lock, so every outbox receives
 * events in {@code seq} order and a login can take its replay point and join the live
 * stream atomically. Subscribers of {@code events} run under this lock and must not block:
 * they only queue frames.
 */
public final class EventLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final EventStore store;
    private final MessageChannel events;

    public EventLog(EventStore store, MessageChannel events) {
        this.store = store;
        this.events = events;
    }

    public ServerEvent.Stored publish(EventDraft draft) {
        lock.lock();
        try {
            ServerEvent.Stored stored = store.append(draft);
            events.send(new GenericMessage<>(stored));
            return stored;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} with no event published meanwhile (it may publish itself). */
    public <T> T atomically(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    public EventStore store() {
        return store;
    }
}
