package io.tcpchat.server.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's hand-over, step by step: an ending writer must not clear the thread of the
 * successor that was started after it went idle, or every later wake-up would unpark no one
 * and the connection would get at most one batch per linger time.
 */
class WriterThreadTests {

    @Test
    void anEndingWriterLeavesItsSuccessorWakeable() throws Exception {
        CountDownLatch successorStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger starts = new AtomicInteger();
        WriterThread[] holder = new WriterThread[1];
        Runnable loop = () -> {
            holder[0].started();
            successorStarted.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Executor executor = task -> {
            if (starts.getAndIncrement() > 0) {
                Thread.ofVirtual().start(task); // the successor really runs
            }
        };
        WriterThread writer = new WriterThread(executor, loop, Duration.ofMillis(1).toNanos());
        holder[0] = writer;

        writer.wake();                                // work: a writer (this test thread plays it) starts
        writer.started();
        assertThat(writer.awaitWork(() -> false)).as("nothing came within the linger: it goes").isFalse();
        writer.wake();                                // more work, after it went idle: a successor starts
        successorStarted.await();
        Thread successor = writer.thread();
        assertThat(successor).isNotEqualTo(Thread.currentThread());

        writer.ended(false);                          // the first writer's last step
        assertThat(writer.thread()).as("the successor still gets the wake-ups").isSameAs(successor);
        release.countDown();
    }

    @Test
    void wakingARunningWriterStartsNoSecondOne() {
        AtomicInteger starts = new AtomicInteger();
        WriterThread writer = new WriterThread(task -> starts.incrementAndGet(), () -> { }, 1_000_000);
        writer.wake();
        writer.wake();
        writer.wake();
        assertThat(starts).hasValue(1);
        writer.started();
        writer.ended(true);
        writer.wake();
        assertThat(starts).as("after it ended, work starts a new one").hasValue(2);
    }
}
