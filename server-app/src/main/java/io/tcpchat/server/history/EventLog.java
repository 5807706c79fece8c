package io.tcpchat.server.history;

import io.tcpchat.protocol.RequestException;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one place events get their order, with group commit, in two pipelined stages.
 *
 * <p>Publishers queue drafts and return at once; a reader handling a batch of frames
 * queues all of its drafts in one operation ({@link #inBatch}). The {@code event-store}
 * thread takes everything waiting (up to {@code batchSize} events), stores it in one
 * transaction (the store gives the {@code seq}s) and hands the stored batch on. The
 * {@code event-publish} thread then, under the fan-out lock, publishes each batch on the
 * {@code events} channel in {@code seq} order and runs each event's callback (the
 * {@code ack}). So batch N+1 is being stored while batch N is encoded and fanned out; an
 * event still reaches no one, and is acknowledged to no one, before it is committed; a slow
 * disk costs one commit per batch; the lock is held only for queueing, never for I/O.
 *
 * <p>A login takes the fan-out lock ({@link #atomically}) to claim its name and take its
 * replay point ({@link #lastPublishedSeq}): every event up to it has been published to those
 * online then and is in the store; every later one is published to the new session too.
 *
 * <p>In a cluster ({@link #tailed}) the store stage is the same (the shared store numbers the
 * batch under the counter row's lock), but the publish stage only parks each stored batch's
 * answers: a tail reading the shared log publishes every replica's events, in seq order, through
 * {@link #publishRead}, and a parked batch is answered once its last seq is published.
 */
public final class EventLog implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventLog.class);

    /** What a publisher hears back, on the publish thread: queue frames only, never block. */
    public interface Committed {
        /** Stored; {@code event} is the first of the events the draft became. */
        void stored(ServerEvent.Stored event);

        /** Storing failed (the database); nothing of the batch was stored. */
        default void failed(Exception e) {
        }

        /** The {@link EventGate} refused the draft: nothing was stored for it. */
        default void refused(RequestException e) {
            failed(e);
        }

        /** The gate found that the draft changes nothing: nothing was stored, nothing refused. */
        default void unchanged() {
        }
    }

    private record Pending(EventDraft draft, Committed then, long receivedAt) {
    }

    /** A stored batch, with what the gate made of each pending draft. */
    private record Stored(List<Pending> pending, List<ServerEvent.Stored> events, GateDecisions decisions) {
    }

    /** Tells the publisher that storing has ended. */
    private static final Stored END = new Stored(List.of(), List.of(), new GateDecisions(0));

    private static final Committed NOTHING = event -> {
    };

    /** Drafts a reader thread queued while handling one batch of frames, published together. */
    private static final ThreadLocal<List<Pending>> BATCH = new ThreadLocal<>();

    private final ReentrantLock fanOutLock = new ReentrantLock();
    private final EventStore store;
    private final EventGate gate;
    private final MessageChannel events;
    /** Drafts waiting to be stored, a list per publishing call; bounded by {@link #enqueue}. */
    private final BlockingQueue<List<Pending>> toStore = new LinkedBlockingQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int queueCapacity;
    /** Stored batches waiting to be published: short, so storing stays at most a few batches ahead. */
    private final BlockingQueue<Stored> toPublish = new ArrayBlockingQueue<>(4);
    private final int batchSize;
    /** A cluster: batches stored, answered once the tail has published them (under the fan-out lock). */
    private final java.util.ArrayDeque<Stored> awaitingTail = new java.util.ArrayDeque<>();
    private volatile boolean tailed;
    private volatile long lastPublishedSeq;
    private volatile boolean running;
    private volatile boolean storing;
    private Thread storer;
    private Thread publisher;

    public EventLog(EventStore store, MessageChannel events, int batchSize, int queueCapacity) {
        this(store, EventGate.NONE, events, batchSize, queueCapacity);
    }

    public EventLog(EventStore store, EventGate gate, MessageChannel events, int batchSize, int queueCapacity) {
        this.store = store;
        this.gate = gate;
        this.events = events;
        this.batchSize = batchSize;
        this.queueCapacity = queueCapacity;
    }

    /**
     * Queues an event; {@code then} runs once it is stored and published. Waits only when
     * the queue is full (the store cannot keep up), which slows the publishing connection.
     * Inside {@link #inBatch} it is queued with the batch's other drafts when the batch ends;
     * under {@link #atomically} at once (after what the batch holds so far).
     */
    public void publish(EventDraft draft, Committed then) {
        Pending p = new Pending(draft, then, Receipt.at(System.nanoTime()));
        List<Pending> batch = BATCH.get();
        if (fanOutLock.isHeldByCurrentThread()) {
            // a login's joined: queued now, while the lock orders it before any later left
            flushBatch();
            enqueue(List.of(p));
        } else if (batch != null) {
            batch.add(p);
        } else {
            enqueue(List.of(p));
        }
    }

    public void publish(EventDraft draft) {
        publish(draft, NOTHING);
    }

    /**
     * Runs {@code work} (one reader's handling of the frames one read brought), queueing the
     * drafts it publishes in one operation at the end, in the order they were published.
     */
    public void inBatch(Runnable work) {
        List<Pending> batch = new ArrayList<>(4);
        BATCH.set(batch);
        try {
            work.run();
        } finally {
            BATCH.remove();
            if (!batch.isEmpty()) {
                enqueue(batch);
            }
        }
    }

    /**
     * Queues at once what this thread's batch holds so far: for a reader about to wait for
     * something that needs those events (its own connection's close, after a {@code bye}).
     */
    public void flushBatch() {
        List<Pending> batch = BATCH.get();
        if (batch != null && !batch.isEmpty()) {
            enqueue(new ArrayList<>(batch));
            batch.clear();
        }
    }

    /**
     * Queues drafts for the store. When {@code queueCapacity} lists are waiting, publishers
     * wait for room (backpressure on the connections that publish), except one holding the
     * fan-out lock: the publish stage needs that lock to make room, so it must never wait.
     */
    private void enqueue(List<Pending> pending) {
        if (!fanOutLock.isHeldByCurrentThread()) {
            while (waiting.get() >= queueCapacity && storing) {
                LockSupport.parkNanos(100_000);
                if (Thread.currentThread().isInterrupted()) {
                    for (Pending p : pending) {
                        p.then().failed(new InterruptedException("interrupted while waiting to store"));
                    }
                    return;
                }
            }
        }
        waiting.incrementAndGet();
        toStore.add(pending);
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

    private void storeLoop() {
        List<List<Pending>> taken = new ArrayList<>();
        while (storing || !toStore.isEmpty()) {
            try {
                List<Pending> first = toStore.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                waiting.decrementAndGet();
                List<Pending> batch = new ArrayList<>(first);
                while (batch.size() < batchSize && toStore.drainTo(taken, 1) > 0) {
                    waiting.decrementAndGet();
                    batch.addAll(taken.getFirst());
                    taken.clear();
                }
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        toPublish.offer(END);
    }

    private void store(List<Pending> batch) throws InterruptedException {
        List<EventDraft> drafts = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            drafts.add(p.draft());
        }
        GateDecisions decisions = new GateDecisions(batch.size());
        List<ServerEvent.Stored> stored;
        try {
            stored = store.decideAndAppend(() -> decisions.decide(gate, drafts), gate);
        } catch (RuntimeException e) {
            log.error("storing {} events failed; their senders are told", batch.size(), e);
            gate.reload();
            for (Pending p : batch) {
                p.then().failed(e);
            }
            return;
        }
        toPublish.put(new Stored(batch, stored, decisions));
    }

    private void publishLoop() {
        while (true) {
            Stored s;
            try {
                s = toPublish.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (s == END) {
                return;
            }
            publish(s);
        }
    }

    private void publish(Stored s) {
        if (tailed) {
            // a cluster: the tail publishes the events, read back from the log with the others'
            fanOutLock.lock();
            try {
                awaitingTail.add(s);
                answerPublished();
            } finally {
                fanOutLock.unlock();
            }
            return;
        }
        List<ServerEvent.Stored> stored = s.events();
        long[] receivedAt = new long[stored.size()];
        for (int i = 0, at = 0; i < s.pending().size(); i++) {
            int n = s.decisions().count(i);
            for (int k = 0; k < n; k++) {
                receivedAt[at++] = s.pending().get(i).receivedAt();
            }
        }
        fanOutLock.lock();
        try {
            if (!stored.isEmpty()) {
                send(new StoredBatch(stored, receivedAt));
            }
            answer(s);
        } finally {
            fanOutLock.unlock();
        }
    }

    private void send(StoredBatch batch) {
        List<ServerEvent.Stored> stored = batch.events();
        try {
            events.send(new GenericMessage<>(batch));
        } catch (RuntimeException e) {
            log.error("publishing events {} to {} failed", stored.getFirst().seq(), stored.getLast().seq(), e);
        }
        lastPublishedSeq = stored.getLast().seq();
    }

    /** The answers, in request order: a refusal never overtakes an earlier request's ack. */
    private static void answer(Stored s) {
        List<ServerEvent.Stored> stored = s.events();
        for (int i = 0, at = 0; i < s.pending().size(); i++) {
            Committed then = s.pending().get(i).then();
            RequestException refusal = s.decisions().refusal(i);
            if (refusal != null) {
                then.refused(refusal);
                continue;
            }
            int n = s.decisions().count(i);
            if (n == 0) {
                then.unchanged();
            } else {
                then.stored(stored.get(at));
            }
            at += n;
        }
    }

    /**
     * A cluster: makes this log publish what a tail reads from the shared store, instead of
     * its own batches as they commit. Call before {@link #start}; the tail then calls
     * {@link #startAt} and {@link #publishRead}.
     */
    public void tailed() {
        this.tailed = true;
    }

    /** A cluster: where the tail starts; everything up to {@code seq} counts as published. */
    public void startAt(long seq) {
        lastPublishedSeq = seq;
    }

    /**
     * A cluster: publishes events the tail read from the shared store (this replica's and the
     * others', in seq order, following the last published), then answers this replica's requests
     * whose events are now published, in request order.
     */
    public void publishRead(List<ServerEvent.Stored> read) {
        if (read.isEmpty()) {
            return;
        }
        fanOutLock.lock();
        try {
            long[] receivedAt = new long[read.size()];
            long now = System.nanoTime();
            for (int i = 0; i < read.size(); i++) {
                receivedAt[i] = receivedAt(read.get(i).seq(), now);
            }
            send(new StoredBatch(read, receivedAt));
            answerPublished();
        } finally {
            fanOutLock.unlock();
        }
    }

    /** When the request behind {@code seq} arrived, if it was this replica's; else {@code orElse}. */
    private long receivedAt(long seq, long orElse) {
        for (Stored s : awaitingTail) {
            if (s.events().isEmpty() || seq < s.events().getFirst().seq() || seq > s.events().getLast().seq()) {
                continue;
            }
            int index = (int) (seq - s.events().getFirst().seq());
            for (int i = 0, at = 0; i < s.pending().size(); i++) {
                at += s.decisions().count(i);
                if (index < at) {
                    return s.pending().get(i).receivedAt();
                }
            }
        }
        return orElse;
    }

    /** Under the fan-out lock: answers the waiting batches whose events are all published, in order. */
    private void answerPublished() {
        while (!awaitingTail.isEmpty()) {
            Stored s = awaitingTail.peekFirst();
            if (!s.events().isEmpty() && s.events().getLast().seq() > lastPublishedSeq) {
                return;
            }
            awaitingTail.pollFirst();
            answer(s);
        }
    }

    @Override
    public void start() {
        if (!tailed) {
            lastPublishedSeq = store.lastSeq();
        }
        running = true;
        storing = true;
        publisher = Thread.ofPlatform().name("event-publish").daemon().start(this::publishLoop);
        storer = Thread.ofPlatform().name("event-store").daemon().start(this::storeLoop);
    }

    /** Stops after everything queued is stored and published. */
    @Override
    public void stop() {
        storing = false;
        try {
            if (storer != null) {
                storer.join(java.time.Duration.ofSeconds(30));
            }
            if (publisher != null) {
                publisher.join(java.time.Duration.ofSeconds(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
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
