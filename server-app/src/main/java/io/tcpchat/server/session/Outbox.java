package io.tcpchat.server.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything waiting to be written to one connection, in order.
 *
 * <p>Any thread may {@link #offer} frames; none of them ever blocks on the socket. The
 * queued bytes are bounded by {@code sendq}: an offer past it marks the connection a
 * slow consumer ({@link Listener#onOverflow}) and the outbox stops taking frames.
 *
 * <p>Frames are written by the connection's writer: a virtual thread of its own, started
 * when there is something to write and kept (parked) for a short while after, so that
 * under load it is woken rather than re-created. It takes as many queued frames as are
 * there into one write. A {@link FrameSource} put in the queue (a replay) is drained whole
 * before the frames queued after it. Downloads are side sources: one chunk is read from
 * each in turn only when the queue is empty, so a download waits for the socket, never
 * fills memory, and never counts against {@code sendq}.
 */
public final class Outbox {

    /** Batches stop growing past this many bytes, so one write stays reasonably sized. */
    static final int MAX_BATCH = 256 * 1024;

    /** Writes one batch of whole frames; blocks until the socket took it. */
    @FunctionalInterface
    public interface Writer {
        void write(byte[] batch) throws Exception;
    }

    /** What the owner of the outbox hears about. */
    public interface Listener {
        /** {@code sendq} was exceeded; the outbox takes no more frames. */
        void onOverflow();

        /** A write failed; the connection is unusable. */
        void onWriteFailure(Exception e);

        /** Called after each batch written, with its size. */
        default void onWritten(int bytes) {
        }

        /** Called when the writer takes queued frames, with the bytes that were queued. */
        default void onDepth(long queuedBytes) {
        }
    }

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final List<FrameSource> downloads = new CopyOnWriteArrayList<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** No writer thread. */
    private static final int IDLE = 0;
    /** A writer thread is working and will look for work before it parks. */
    private static final int RUNNING = 1;
    /** The writer thread is parked (or about to park), lingering for more work. */
    private static final int PARKED = 2;
    /**
     * How long an idle writer lingers before its thread ends. Under load a parked writer is
     * woken for the next frame instead of a new thread being started for it; an idle
     * connection keeps no writer thread at all.
     */
    static final long LINGER_NANOS = 1_000_000_000L;

    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile Thread writerThread;
    private final long sendq;
    private final Executor executor;
    private final Writer writer;
    private final Listener listener;
    private volatile boolean refusing;
    private volatile Runnable whenFlushed;
    private int nextDownload;

    public Outbox(long sendq, Executor executor, Writer writer, Listener listener) {
        this.sendq = sendq;
        this.executor = executor;
        this.writer = writer;
        this.listener = listener;
    }

    /**
     * Queues a complete frame (its bytes may be shared with other outboxes and must not change).
     *
     * @return false when the outbox refuses it: closing, or over {@code sendq} (then the
     * listener has been told)
     */
    public boolean offer(byte[] frame) {
        if (append(frame)) {
            schedule();
            return true;
        }
        return false;
    }

    /**
     * Queues a frame like {@link #offer(byte[])} but does not wake the writer: the caller
     * queues several and then calls {@link #flush()} once.
     */
    public boolean append(byte[] frame) {
        if (refusing) {
            return false;
        }
        if (queuedBytes.addAndGet(frame.length) > sendq) {
            queuedBytes.addAndGet(-frame.length);
            refusing = true;
            listener.onOverflow();
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Wakes the writer for what {@link #append} queued. */
    public void flush() {
        schedule();
    }

    /** Queues a source whose frames are all written before anything queued after it. */
    public void offer(FrameSource source) {
        if (refusing) {
            source.close();
            return;
        }
        queue.add(source);
        schedule();
    }

    /** Adds a download, served a chunk at a time whenever the queue is empty. */
    public void addDownload(FrameSource download) {
        if (refusing) {
            download.close();
            return;
        }
        downloads.add(download);
        schedule();
    }

    /** Stops and closes a download; false if it was not there (already done). */
    public boolean removeDownload(FrameSource download) {
        if (downloads.remove(download)) {
            download.close();
            return true;
        }
        return false;
    }

    /**
     * Takes no more frames, writes what is queued (sources included), then runs
     * {@code action} on the writer thread (or at once when nothing is queued).
     */
    public void closeWhenFlushed(Runnable action) {
        refusing = true;
        whenFlushed = action;
        schedule();
    }

    /**
     * Drops everything queued and takes no more frames but {@code last}, written before
     * {@code action} runs. For a connection that must go now (slow consumer, shutdown).
     */
    public void abandon(byte[] last, Runnable action) {
        refusing = true;
        clear();
        if (last != null) {
            queue.add(last);
            queuedBytes.addAndGet(last.length);
        }
        whenFlushed = action;
        schedule();
    }

    /** Bytes queued now (sources and downloads not counted). */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    /** Releases every source; called when the connection is gone. */
    public void dispose() {
        refusing = true;
        clear();
        for (FrameSource d : downloads) {
            d.close();
        }
        downloads.clear();
    }

    private void clear() {
        Object o;
        while ((o = queue.poll()) != null) {
            if (o instanceof FrameSource s) {
                s.close();
            } else {
                queuedBytes.addAndGet(-((byte[]) o).length);
            }
        }
    }

    private void schedule() {
        while (true) {
            int s = state.get();
            if (s == RUNNING) {
                return; // the writer looks for work before it parks
            }
            if (s == PARKED) {
                if (state.compareAndSet(PARKED, RUNNING)) {
                    LockSupport.unpark(writerThread);
                    return;
                }
            } else if (state.compareAndSet(IDLE, RUNNING)) {
                executor.execute(this::writeLoop);
                return;
            }
        }
    }

    /**
     * Parks the writer until more work is signalled or the linger time passes.
     *
     * @return true to go on writing, false when the writer thread should end
     */
    private boolean awaitWork() {
        state.set(PARKED);
        if (hasWork()) {
            // work arrived before we parked; whoever moves us to RUNNING may unpark us later, harmlessly
            state.compareAndSet(PARKED, RUNNING);
            return true;
        }
        LockSupport.parkNanos(this, LINGER_NANOS);
        if (state.get() == RUNNING) {
            return true;
        }
        if (state.compareAndSet(PARKED, IDLE)) {
            // nothing came: end, unless something arrived in the same instant
            return hasWork() && state.compareAndSet(IDLE, RUNNING);
        }
        return true; // signalled between the wake-up and the check
    }

    private boolean hasWork() {
        return !queue.isEmpty() || !downloads.isEmpty() || whenFlushed != null;
    }

    private void writeLoop() {
        writerThread = Thread.currentThread();
        FrameSource current = null;
        try {
            while (true) {
                byte[] batch;
                if (current != null) {
                    batch = current.next();
                    if (batch == null) {
                        current.close();
                        current = null;
                        continue;
                    }
                } else {
                    Object head = queue.peek();
                    if (head instanceof FrameSource s) {
                        queue.poll();
                        current = s;
                        continue;
                    }
                    // a closing outbox finishes what is queued but starts no more download chunks
                    batch = head != null ? takeBatch() : whenFlushed == null ? nextDownloadChunk() : null;
                }
                if (batch == null) {
                    Runnable action = whenFlushed;
                    if (action != null && queue.isEmpty()) {
                        whenFlushed = null;
                        dispose();
                        state.set(IDLE);
                        action.run();
                        return;
                    }
                    if (awaitWork()) {
                        continue;
                    }
                    writerThread = null; // let the ended thread go
                    return;
                }
                writer.write(batch);
                listener.onWritten(batch.length);
            }
        } catch (Exception e) {
            if (current != null) {
                current.close();
            }
            dispose();
            state.set(IDLE);
            listener.onWriteFailure(e);
        }
    }

    /** Queued frames up to the next source or MAX_BATCH bytes, as one array. */
    private byte[] takeBatch() {
        listener.onDepth(queuedBytes.get());
        List<byte[]> frames = new ArrayList<>();
        int size = 0;
        Object head;
        while (size < MAX_BATCH && (head = queue.peek()) instanceof byte[] frame) {
            queue.poll();
            frames.add(frame);
            size += frame.length;
        }
        queuedBytes.addAndGet(-size);
        if (frames.size() == 1) {
            return frames.getFirst();
        }
        byte[] batch = new byte[size];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, batch, at, f.length);
            at += f.length;
        }
        return batch;
    }

    /** One chunk from the downloads in turn; a finished download is removed. */
    private byte[] nextDownloadChunk() throws Exception {
        while (!downloads.isEmpty()) {
            int n = downloads.size();
            FrameSource d;
            try {
                d = downloads.get(nextDownload++ % n);
            } catch (IndexOutOfBoundsException raced) {
                continue;
            }
            byte[] chunk = d.next();
            if (chunk != null) {
                return chunk;
            }
            removeDownload(d);
        }
        return null;
    }
}
