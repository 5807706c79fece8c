package io.tcpchat.server.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one writer thread of an outbox: started when work arrives, kept parked for a linger
 * time after it runs out of work (under load it is woken rather than re-created), ended
 * after that, so an idle connection keeps no thread at all.
 *
 * <p>A state machine on one CAS: IDLE (no thread), RUNNING (it will look for work before it
 * parks), PARKED (parked or about to). {@link #wake} from any thread moves IDLE or PARKED to
 * RUNNING (starting or unparking the thread) and leaves RUNNING alone, so work is never
 * stranded and never taken by two threads. An ending thread lets go of {@link #thread} only
 * if it still holds its own: a successor started after this one went IDLE may already have
 * set it, and clearing it would leave that successor deaf to every later wake-up.
 */
final class WriterThread {

    private static final int IDLE = 0;
    private static final int RUNNING = 1;
    private static final int PARKED = 2;

    private static final VarHandle STATE;
    private static final VarHandle THREAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(WriterThread.class, "state", int.class);
            THREAD = l.findVarHandle(WriterThread.class, "thread", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Executor executor;
    private final Runnable loop;
    private final long lingerNanos;
    @SuppressWarnings("unused") // through STATE
    private volatile int state = IDLE;
    @SuppressWarnings("unused") // through THREAD
    private volatile Thread thread;

    /** {@code loop} is the writer's body: it calls {@link #started} first and ends through {@link #ended}. */
    WriterThread(Executor executor, Runnable loop, long lingerNanos) {
        this.executor = executor;
        this.loop = loop;
        this.lingerNanos = lingerNanos;
    }

    /** Makes sure the writer looks for work soon: unparks it, or starts one. Any thread, never blocks. */
    void wake() {
        while (true) {
            int s = (int) STATE.getVolatile(this);
            if (s == RUNNING) {
                return; // the writer looks for work before it parks
            }
            if (s == PARKED) {
                if (STATE.compareAndSet(this, PARKED, RUNNING)) {
                    LockSupport.unpark((Thread) THREAD.getVolatile(this));
                    return;
                }
            } else if (STATE.compareAndSet(this, IDLE, RUNNING)) {
                executor.execute(loop);
                return;
            }
        }
    }

    /** The thread a wake-up unparks; for tests. */
    Thread thread() {
        return (Thread) THREAD.getVolatile(this);
    }

    /** Writer thread, first thing: whoever wakes it from now on unparks this thread. */
    void started() {
        THREAD.setVolatile(this, Thread.currentThread());
    }

    /**
     * Writer thread: parks until woken or the linger time passes.
     *
     * @return true to go on writing; false when the thread must end (it is IDLE already:
     * call {@link #ended ended(false)})
     */
    boolean awaitWork(BooleanSupplier hasWork) {
        STATE.setVolatile(this, PARKED);
        if (hasWork.getAsBoolean()) {
            // work arrived before we parked; whoever moves us to RUNNING may unpark us later, harmlessly
            STATE.compareAndSet(this, PARKED, RUNNING);
            return true;
        }
        LockSupport.parkNanos(this, lingerNanos);
        if ((int) STATE.getVolatile(this) == RUNNING) {
            return true;
        }
        if (STATE.compareAndSet(this, PARKED, IDLE)) {
            // nothing came: end, unless something arrived in the same instant
            return hasWork.getAsBoolean() && STATE.compareAndSet(this, IDLE, RUNNING);
        }
        return true; // woken between the park's end and the check
    }

    /**
     * Writer thread, last thing. {@code stillRunning}: it ends while RUNNING (done, failed) and
     * moves to IDLE itself; otherwise {@link #awaitWork} made it IDLE already, and touching
     * the state again could stop a successor.
     */
    void ended(boolean stillRunning) {
        THREAD.compareAndSet(this, Thread.currentThread(), null);
        if (stillRunning) {
            STATE.setVolatile(this, IDLE);
        }
    }
}
