package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.GenericMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place events get their order, with group commit.
 *
 * <p>Publishers queue drafts and return at once. One committer thread takes whatever has
 * queued (up to {@code batchSize}), stores it in one transaction (the store gives the
 * {@code seq}s), and only then, under the fan-out lock, publishes each stored event on the
 * {@code events} channel in {@code seq} order and runs its callback (the {@code ack}). So an
 * event reaches no one before it is committed, a slow disk costs one commit per batch
 * rather than per event, and the lock is held only for queueing frames, never for I/O.
 *
 * <p>A login takes the fan-out lock ({@link #atomically}) to claim its name and take its
 * replay point ({@link #lastPublishedSeq}): every event up to it has been published to those
 * online then and is in the store; every later one is published to the new session too.
 */
public final class EventLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    /** What a publisher hears back, on the committer thread: queue frames only, never block. */
    public interface Committed {
        void stored(ServerEvent.Stored event);

        default void failed(Exception e) {
        }
    }

    private record Pending(EventDraft draft, Committed then, long receivedAt) {
    }

    private static final Committed NOTHING = event -> {
    };

    private final ReentrantLock fanOutLock = new ReentrantLock();
    private final EventStore store;
    private final MessageChannel events;
    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private volatile long lastPublishedSeq;
    private volatile boolean running;
    private Thread committer;

    public EventLog(EventStore store, MessageChannel events, int batchSize, int queueCapacity) {
        this.store = store;
        this.events = events;
        this.batchSize = batchSize;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
    }

    /**
     * Queues an event; {@code then} runs once it is stored and published. Blocks only when
     * the queue is full (the store cannot keep up), which slows the publishing connection.
     */
    public void publish(EventDraft draft, Committed then) {
        try {
            queue.put(new Pending(draft, then, Receipt.at(System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            then.failed(e);
        }
    }

    public void publish(EventDraft draft) {
        publish(draft, NOTHING);
    }

    /** Runs {@code action} with no event published meanwhile (it may queue events itself). */
    public <T> T atomically(Supplier<T> action) {
        fanOutLock.lock();
        try {
            return action.get();
        } finally {
            fanOutLock.unlock();
        }
    }

    /** The {@code seq} of the last event published; read it under {@link #atomically}. */
    public long lastPublishedSeq() {
        return lastPublishedSeq;
    }

    public EventStore store() {
        return store;
    }

    private void commitLoop() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        List<EventDraft> drafts = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            drafts.add(p.draft());
        }
        List<ServerEvent.Stored> stored;
        try {
            stored = store.appendAll(drafts);
        } catch (RuntimeException e) {
            log.error("storing {} events failed; their senders are told", batch.size(), e);
            for (Pending p : batch) {
                p.then().failed(e);
            }
            return;
        }
        long[] receivedAt = new long[batch.size()];
        for (int i = 0; i < receivedAt.length; i++) {
            receivedAt[i] = batch.get(i).receivedAt();
        }
        fanOutLock.lock();
        try {
            try {
                events.send(new GenericMessage<>(new StoredBatch(stored, receivedAt)));
            } catch (RuntimeException e) {
                log.error("publishing events {} to {} failed", stored.getFirst().seq(), stored.getLast().seq(), e);
            }
            lastPublishedSeq = stored.getLast().seq();
            for (int i = 0; i < stored.size(); i++) {
                batch.get(i).then().stored(stored.get(i));
            }
        } finally {
            fanOutLock.unlock();
        }
    }

    @Override
    public void start() {
        lastPublishedSeq = store.lastSeq();
        running = true;
        committer = Thread.ofPlatform().name("event-log").daemon().start(this::commitLoop);
    }

    /** Stops after everything queued is stored and published. */
    @Override
    public void stop() {
        running = false;
        if (committer != null) {
            try {
                committer.join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * A low phase: started before the TCP listener accepts anyone (a login needs the replay
     * point), stopped after the listener and the graceful shutdown (whose leaves it stores).
     */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 100;
    }
}
