package io.tcpchat.server.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * Everything waiting to be written to one connection, in order: the live events of the
 * shared {@link EncodedLog} from this connection's cursor on, and its own frames (answers,
 * acks, errors, a replay, downloads) in between, each placed after the log entry that was
 * the head when it was queued.
 *
 * <p>Any thread may {@link #offer} frames or {@link #wake} the writer; none of them ever
 * blocks on the socket. Own frames are bounded by {@code sendq} bytes; the log lag is
 * checked by the publisher ({@link #lagging}). Past either, the connection is a slow
 * consumer ({@link Listener#onOverflow}) and the outbox stops taking frames.
 *
 * <p>Frames are written by the connection's writer: a virtual thread of its own, started
 * when there is something to write and kept (parked) for a short while after, so that
 * under load it is woken rather than re-created. Each write gathers what is due, log
 * entries and own frames alike, up to {@link #MAX_BATCH} bytes. A {@link FrameSource} (a
 * replay) is drained whole before anything after it. Downloads are side sources: one chunk
 * is read from each in turn only when nothing else is due, so a download waits for the
 * socket, never fills memory, and never counts against {@code sendq}.
 */
public final class Outbox {

    /** Writes stop growing past this many bytes, so one write stays reasonably sized. */
    static final int MAX_BATCH = 256 * 1024;
    private static final int FIRST_BUFFER = 8 * 1024;

    /** Writes {@code length} bytes of whole frames from {@code bytes}; blocks until the socket took them. */
    @FunctionalInterface
    public interface Writer {
        void write(byte[] bytes, int length) throws Exception;
    }

    /** What the owner of the outbox hears about. */
    public interface Listener {
        /** The connection fell behind ({@code sendq} or the log); the outbox takes no more frames. */
        void onOverflow();

        /** A write failed; the connection is unusable. */
        void onWriteFailure(Exception e);

        /** Called after each write, with its size. */
        default void onWritten(int bytes) {
        }

        /** Called when the writer starts a write, with the own bytes that were queued. */
        default void onDepth(long queuedBytes) {
        }
    }

    /** An own frame ({@code byte[]}) or source, due once the cursor has reached {@code mark}. */
    private record Marked(Object item, long mark) {
    }

    /**
     * How long an idle writer lingers before its thread ends (see {@link WriterThread}): under
     * load a parked writer is woken for the next batch instead of a new thread being started.
     */
    static final long LINGER_NANOS = 1_000_000_000L;

    private static final VarHandle QUEUED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            QUEUED = l.findVarHandle(Outbox.class, "queuedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EncodedLog log;
    private final Queue<Marked> queue = new ConcurrentLinkedQueue<>();
    private final List<FrameSource> downloads = new CopyOnWriteArrayList<>();
    private final long sendq;
    private final Writer writer;
    private final Listener listener;
    private final WriterThread writerThread;
    @SuppressWarnings("unused") // through QUEUED
    private volatile long queuedBytes;
    /** The next log entry to look at; -1 while the connection does not follow the log (before login). */
    private volatile long cursor = -1;
    private volatile String userKey;
    /** The rooms this connection sees, {@code null} for a base session; replaced by the publisher. */
    private volatile RoomView view;
    /** Log entries from here on are not written: the head when the outbox started closing. */
    private volatile long stopAt = Long.MAX_VALUE;
    private volatile boolean refusing;
    private volatile Runnable whenFlushed;
    /** Writer thread only. */
    private int nextDownload;
    private byte[] buffer;

    public Outbox(EncodedLog log, long sendq, Executor executor, Writer writer, Listener listener) {
        this(log, sendq, executor, writer, listener, LINGER_NANOS);
    }

    /** With another linger time: tests make writers start and end often. */
    Outbox(EncodedLog log, long sendq, Executor executor, Writer writer, Listener listener, long lingerNanos) {
        this.writerThread = new WriterThread(executor, this::writeLoop, lingerNanos);
        this.log = log;
        this.sendq = sendq;
        this.writer = writer;
        this.listener = listener;
    }

    /**
     * Starts following the log from entry {@code from} for {@code userKey} (lower case). Call
     * under the event log's fan-out lock, with {@code from} its head, so that exactly the
     * entries published after it are delivered live.
     */
    public void follow(long from, String userKey) {
        follow(from, userKey, null);
    }

    /** As {@link #follow(long, String)}, for a rooms-aware session with its first view. */
    public void follow(long from, String userKey, RoomView view) {
        this.userKey = userKey;
        this.view = view;
        this.cursor = from;
    }

    /** The rooms this connection sees, {@code null} for a base session. */
    public RoomView view() {
        return view;
    }

    /**
     * Replaces the view: by the event log's publisher, under its lock, before it publishes the
     * entries the change concerns (so a writer that sees them sees the view too).
     */
    public void view(RoomView view) {
        this.view = view;
    }

    /**
     * Queues a complete frame (its bytes may be shared and must not change), after every log
     * entry published so far.
     *
     * @return false when the outbox refuses it: closing, or over {@code sendq} (then the
     * listener has been told)
     */
    public boolean offer(byte[] frame) {
        if (refusing) {
            return false;
        }
        if ((long) QUEUED.getAndAdd(this, (long) frame.length) + frame.length > sendq) {
            QUEUED.getAndAdd(this, (long) -frame.length);
            overflow();
            return false;
        }
        queue.add(new Marked(frame, log.head()));
        schedule();
        return true;
    }

    /** Queues a source whose frames are all written before anything queued after it. */
    public void offer(FrameSource source) {
        if (refusing) {
            source.close();
            return;
        }
        queue.add(new Marked(source, log.head()));
        schedule();
    }

    /** Tells the writer the log has new entries (the publisher calls it after each batch). */
    public void wake() {
        schedule();
    }

    /** The next log entry this connection will look at, or -1 while it does not follow the log. */
    public long cursor() {
        return cursor;
    }

    /** Whether this outbox follows the log and has entries of it left to look at. */
    public boolean behind() {
        long c = cursor;
        return c >= 0 && c < log.head();
    }

    /**
     * Whether this connection is too far behind to follow the log once {@code incoming} more
     * entries of {@code incomingBytes} are appended: more than {@code sendq} bytes of log and
     * own frames to go (log bytes it will skip count too: a cheap, safe bound), or so many
     * entries that the ring would overwrite one it has yet to read. Called by the publisher
     * before it appends; it then only marks the connection ({@link #overflow}).
     */
    public boolean lagging(int incoming, long incomingBytes) {
        long c = cursor;
        if (c < 0 || refusing) {
            return false;
        }
        long h = log.head();
        return h + incoming - c > log.capacity()
                || log.bytesBehind(c) + incomingBytes + (long) QUEUED.getVolatile(this) > sendq;
    }

    /** Marks the connection a slow consumer: no more frames, and the owner is told (once). */
    public void overflow() {
        synchronized (this) {
            if (refusing) {
                return;
            }
            refusing = true;
        }
        listener.onOverflow();
    }

    /** Adds a download, served a chunk at a time whenever nothing else is due. */
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
     * Takes no more frames and no later log entries, writes what is due (sources included),
     * then runs {@code action} on the writer thread (or at once when nothing is queued).
     */
    public void closeWhenFlushed(Runnable action) {
        synchronized (this) {
            refusing = true;
        }
        stopAt = Math.min(stopAt, log.head());
        whenFlushed = action;
        schedule();
    }

    /**
     * Drops everything queued and takes no more frames but {@code last}, written before
     * {@code action} runs. For a connection that must go now (slow consumer, shutdown).
     */
    public void abandon(byte[] last, Runnable action) {
        synchronized (this) {
            refusing = true;
        }
        stopAt = -1;
        clear();
        if (last != null) {
            queue.add(new Marked(last, 0));
            QUEUED.getAndAdd(this, (long) last.length);
        }
        whenFlushed = action;
        schedule();
    }

    /** Own bytes queued now (the log, sources and downloads not counted). */
    public long queuedBytes() {
        return (long) QUEUED.getVolatile(this);
    }

    /** Releases every source; called when the connection is gone. */
    public void dispose() {
        synchronized (this) {
            refusing = true;
        }
        stopAt = -1;
        clear();
        for (FrameSource d : downloads) {
            d.close();
        }
        downloads.clear();
    }

    private void clear() {
        Marked m;
        while ((m = queue.poll()) != null) {
            if (m.item() instanceof FrameSource s) {
                s.close();
            } else {
                QUEUED.getAndAdd(this, (long) -((byte[]) m.item()).length);
            }
        }
    }

    private void schedule() {
        writerThread.wake();
    }

    private boolean hasWork() {
        long c = cursor;
        return !queue.isEmpty() || !downloads.isEmpty() || whenFlushed != null
                || (c >= 0 && c < Math.min(log.head(), stopAt));
    }

    private void writeLoop() {
        writerThread.started();
        FrameSource current = null;
        try {
            while (true) {
                if (current != null) {
                    byte[] frame = current.next();
                    if (frame == null) {
                        current.close();
                        current = null;
                    } else {
                        write(frame, frame.length);
                    }
                    continue;
                }
                int length = gather();
                if (length < 0) {
                    return; // torn read of the log: marked a slow consumer
                }
                if (length > 0) {
                    write(buffer, length);
                    continue;
                }
                Marked head = queue.peek();
                if (head != null && head.item() instanceof FrameSource s && due(head, cursor)) {
                    queue.poll();
                    current = s;
                    continue;
                }
                byte[] chunk = whenFlushed == null ? nextDownloadChunk() : null;
                if (chunk != null) {
                    write(chunk, chunk.length);
                    continue;
                }
                Runnable action = whenFlushed;
                if (action != null && queue.isEmpty() && !followingMore()) {
                    whenFlushed = null;
                    dispose();
                    endWriter(true);
                    action.run();
                    return;
                }
                if (writerThread.awaitWork(this::hasWork)) {
                    continue;
                }
                endWriter(false);
                return;
            }
        } catch (Exception e) {
            if (current != null) {
                current.close();
            }
            dispose();
            endWriter(true);
            listener.onWriteFailure(e);
        }
    }

    /** Ends this writer thread and lets go of its buffer (see {@link WriterThread#ended}). */
    private void endWriter(boolean stillRunning) {
        buffer = null;
        writerThread.ended(stillRunning);
    }

    private boolean followingMore() {
        long c = cursor;
        return c >= 0 && c < Math.min(log.head(), stopAt);
    }

    /**
     * Whether an own frame or source is due at cursor {@code c}: the cursor has reached its
     * mark, or the outbox does not (or no longer) follow the log.
     */
    private boolean due(Marked m, long c) {
        return c < 0 || m.mark() <= c || c >= stopAt;
    }

    private void write(byte[] bytes, int length) throws Exception {
        writer.write(bytes, length);
        listener.onWritten(length);
    }

    /**
     * Copies into {@link #buffer} what is due, in order: log entries this user may see from
     * the cursor, and own frames whose mark the cursor has reached, up to a source or
     * {@link #MAX_BATCH} bytes.
     *
     * @return bytes gathered, or -1 when the log overwrote what was read (a slow consumer)
     */
    private int gather() {
        long c = cursor;
        long first = c;
        long limitLog = Math.min(log.head(), stopAt);
        String me = userKey;
        RoomView rooms = view; // read after the head: a view at least as new as the entries up to it
        int length = 0;
        Marked m = queue.peek();
        if (m != null || (c >= 0 && c < limitLog)) {
            listener.onDepth(queuedBytes());
        }
        while (length < MAX_BATCH) {
            if (c >= 0) {
                long limit = m == null ? limitLog : Math.min(limitLog, Math.max(m.mark(), c));
                while (c < limit && length < MAX_BATCH) {
                    if (log.visibleTo(c, me, rooms)) {
                        length = copy(log.frame(c), length);
                    }
                    c++;
                }
                if (c < limit) {
                    break; // this write is full
                }
            }
            if (m == null || !due(m, c) || !(m.item() instanceof byte[] frame)) {
                break; // nothing due, or a source: written on its own
            }
            if (length > 0 && length + frame.length > MAX_BATCH) {
                break;
            }
            queue.poll();
            QUEUED.getAndAdd(this, (long) -frame.length);
            length = copy(frame, length);
            m = queue.peek();
        }
        if (c > first && first >= 0) {
            if (log.overwritten(first)) {
                overflow();
                dispose();
                endWriter(true);
                return -1;
            }
            cursor = c;
        }
        return length;
    }

    private int copy(byte[] frame, int at) {
        byte[] b = buffer;
        if (b == null || b.length - at < frame.length) {
            int size = Math.max(b == null ? FIRST_BUFFER : b.length * 2, at + frame.length);
            byte[] grown = new byte[size];
            if (b != null) {
                System.arraycopy(b, 0, grown, 0, at);
            }
            buffer = b = grown;
        }
        System.arraycopy(frame, 0, b, at, frame.length);
        return at + frame.length;
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
