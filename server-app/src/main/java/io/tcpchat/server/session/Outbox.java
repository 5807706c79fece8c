package io.tcpchat.server.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything waiting to be written to one connection, in order.
 *
 * <p>Any thread may {@link #offer} frames; none of them ever blocks on the socket. The
 * queued bytes are bounded by {@code sendq}: an offer past it marks the connection a
 * slow consumer ({@link Listener#onOverflow}) and the outbox stops taking frames.
 *
 * <p>Frames are written by a writer task that runs on its own virtual thread while there
 * is something to write (one at a time per outbox), taking as many queued frames as are
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
    private final AtomicBoolean writing = new AtomicBoolean();
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
        schedule();
        return true;
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
        if (writing.compareAndSet(false, true)) {
            executor.execute(this::writeLoop);
        }
    }

    private boolean hasWork() {
        return !queue.isEmpty() || !downloads.isEmpty() || whenFlushed != null;
    }

    private void writeLoop() {
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
                        action.run();
                        return;
                    }
                    writing.set(false);
                    if (hasWork() && writing.compareAndSet(false, true)) {
                        continue;
                    }
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
            writing.set(false);
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

    /** For tests and diagnostics. */
    Iterator<Object> queued() {
        return queue.iterator();
    }
}
