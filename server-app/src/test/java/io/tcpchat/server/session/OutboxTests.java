package io.tcpchat.server.session;

import io.tcpchat.protocol.FrameEncoder;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox and the encoded log under many threads: a publisher appending in batches
 * while other threads queue own frames, writers starting and ending all the time, the ring
 * wrapping, and a reader too slow to follow. Fixed seeds; the invariants are checked on the
 * bytes the writer actually produced.
 */
class OutboxTests {

    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** A frame whose body is its label; labels say what the frame is ("L17", "O2-5"). */
    private static byte[] frame(String label) {
        return FrameEncoder.json(label.getBytes(StandardCharsets.US_ASCII));
    }

    /** Everything written, split back into frame labels. */
    private static final class Recorder implements Outbox.Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public synchronized void write(byte[] b, int length) {
            bytes.write(b, 0, length);
            writes.incrementAndGet();
        }

        synchronized List<String> labels() {
            byte[] all = bytes.toByteArray();
            List<String> out = new ArrayList<>();
            int at = 0;
            while (at < all.length) {
                int len = (all[at] & 0xFF) << 24 | (all[at + 1] & 0xFF) << 16 | (all[at + 2] & 0xFF) << 8 | all[at + 3] & 0xFF;
                out.add(new String(all, at + 5, len - 1, StandardCharsets.US_ASCII));
                at += 4 + len;
            }
            return out;
        }
    }

    private static final class Overflows implements Outbox.Listener {
        final AtomicInteger overflows = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        @Override
        public void onOverflow() {
            overflows.incrementAndGet();
        }

        @Override
        public void onWriteFailure(Exception e) {
            failures.incrementAndGet();
        }
    }

    @Test
    void logEntriesAndOwnFramesArriveOnceInOrderWhileWritersComeAndGo() throws Exception {
        EncodedLog log = new EncodedLog(1024);
        Recorder out = new Recorder();
        Overflows listener = new Overflows();
        // a linger of 20 µs: writer threads end and restart thousands of times during the run
        Outbox outbox = new Outbox(log, 64 << 20, writers, out, listener, 20_000);
        outbox.follow(log.head(), "me");
        int entries = 20_000;
        int producers = 4;
        int ownEach = 2_000;
        // for each own frame, the head just before it was offered: every visible entry below it must precede it
        AtomicLong[][] headBefore = new AtomicLong[producers][ownEach];
        boolean[] visible = new boolean[entries];
        CountDownLatch go = new CountDownLatch(1);
        Thread publisher = Thread.ofPlatform().start(() -> {
            SplittableRandom random = new SplittableRandom(11);
            await(go);
            int i = 0;
            while (i < entries) {
                int batch = Math.min(entries - i, random.nextInt(1, 40));
                while (outbox.lagging(batch + 256, 0)) {
                    Thread.yield(); // the ring is small: wait for the reader rather than overrun it
                }
                for (int k = 0; k < batch; k++, i++) {
                    int kind = random.nextInt(10);
                    String author = kind == 0 ? "me" : "other";
                    String to = kind == 1 ? "me" : kind == 2 ? "third" : null;
                    visible[i] = to == null ? !author.equals("me") : to.equals("me");
                    log.append(frame("L" + i), author, to);
                }
                log.publish();
                outbox.wake();
                if (random.nextInt(8) == 0) {
                    Thread.yield();
                }
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            threads.add(Thread.ofPlatform().start(() -> {
                SplittableRandom random = new SplittableRandom(100 + id);
                await(go);
                for (int n = 0; n < ownEach; n++) {
                    headBefore[id][n] = new AtomicLong(log.head());
                    assertThat(outbox.offer(frame("O" + id + "-" + n))).isTrue();
                    if (random.nextInt(4) == 0) {
                        Thread.yield();
                    }
                }
            }));
        }
        go.countDown();
        publisher.join();
        for (Thread t : threads) {
            t.join();
        }
        long expectedLog = 0;
        for (boolean v : visible) {
            expectedLog += v ? 1 : 0;
        }
        long expected = expectedLog + (long) producers * ownEach;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> out.labels().size() >= expected);

        List<String> labels = out.labels();
        assertThat(labels).hasSize((int) expected);
        assertThat(listener.overflows).hasValue(0);
        int lastLog = -1;
        int[] lastOwn = new int[producers];
        java.util.Arrays.fill(lastOwn, -1);
        for (String label : labels) {
            if (label.startsWith("L")) {
                int i = Integer.parseInt(label.substring(1));
                assertThat(visible[i]).as("entry %d is not for me", i).isTrue();
                assertThat(i).as("log order").isGreaterThan(lastLog);
                lastLog = i;
            } else {
                String[] parts = label.substring(1).split("-");
                int p = Integer.parseInt(parts[0]);
                int n = Integer.parseInt(parts[1]);
                assertThat(n).as("producer %d order", p).isEqualTo(lastOwn[p] + 1);
                lastOwn[p] = n;
                // everything visible that was published before the offer came before it
                long before = headBefore[p][n].get();
                for (long i = lastLog + 1; i < before; i++) {
                    assertThat(visible[(int) i]).as("entry %d published before own frame %s came after it", i, label)
                            .isFalse();
                }
            }
        }
        assertThat(outbox.queuedBytes()).isZero();
    }

    /**
     * Membership changing under a running writer: the publisher joins and leaves rooms at
     * random log indices (replacing the view before it publishes, as {@code LiveRooms} does)
     * while the writer gathers with writers coming and going. The writer must copy exactly the
     * room entries inside its spans, never one outside, in log order.
     */
    @Test
    void roomEntriesReachTheWriterExactlyInsideItsSpansWhileMembershipChanges() throws Exception {
        EncodedLog log = new EncodedLog(1024);
        Recorder out = new Recorder();
        Outbox outbox = new Outbox(log, 64 << 20, writers, out, new Overflows(), 20_000);
        outbox.follow(log.head(), "me", RoomView.EMPTY);
        int entries = 30_000;
        boolean[] visible = new boolean[entries];
        SplittableRandom random = new SplittableRandom(23);
        boolean[] member = new boolean[4];
        Thread publisher = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (i < entries) {
                int batch = Math.min(entries - i, random.nextInt(1, 40));
                while (outbox.lagging(batch + 256, 0)) {
                    Thread.yield();
                }
                for (int k = 0; k < batch; k++, i++) {
                    int room = random.nextInt(4); // 0: #lobby
                    long index = log.next();
                    if (room > 0 && random.nextInt(50) == 0) {
                        // a join or a leave of "me" at this very entry: it is in the span either way
                        RoomView v = outbox.view();
                        outbox.view(member[room] ? v.left(room, index, outbox.cursor())
                                : v.joined(room, index, outbox.cursor()));
                        visible[i] = true;
                        member[room] = !member[room];
                        log.append(frame("L" + i), "other", null, room, true);
                        continue;
                    }
                    visible[i] = room == 0 || member[room];
                    log.append(frame("L" + i), "other", null, room, false);
                }
                log.publish();
                outbox.wake();
            }
        });
        publisher.join();
        long expected = 0;
        for (boolean v : visible) {
            expected += v ? 1 : 0;
        }
        long want = expected;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> out.labels().size() >= want);
        List<String> labels = out.labels();
        assertThat(labels).hasSize((int) expected);
        int last = -1;
        for (String label : labels) {
            int i = Integer.parseInt(label.substring(1));
            assertThat(visible[i]).as("entry %d is outside my spans", i).isTrue();
            assertThat(i).as("log order").isGreaterThan(last);
            last = i;
        }
    }

    @Test
    void theCursorFollowsTheRingAcrossManyWraps() {
        EncodedLog log = new EncodedLog(16);
        Recorder out = new Recorder();
        Outbox outbox = new Outbox(log, 1 << 20, writers, out, new Overflows(), 1_000_000);
        outbox.follow(log.head(), "me");
        int total = 0;
        for (int round = 0; round < 200; round++) {
            for (int k = 0; k < 8; k++) {
                log.append(frame("L" + total++), "other", null);
            }
            log.publish();
            outbox.wake();
            int upTo = total;
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> out.labels().size() == upTo);
        }
        List<String> labels = out.labels();
        for (int i = 0; i < total; i++) {
            assertThat(labels.get(i)).isEqualTo("L" + i);
        }
    }

    @Test
    void aReaderTooFarBehindIsMarkedBeforeTheRingOverrunsItAndNeverWritesATornFrame() throws Exception {
        EncodedLog log = new EncodedLog(16);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        Recorder recorded = new Recorder();
        Outbox.Writer stuck = (b, n) -> {
            blocked.countDown();
            release.await();
            recorded.write(b, n);
        };
        Overflows listener = new Overflows();
        Outbox outbox = new Outbox(log, 1 << 20, writers, stuck, listener, 1_000_000);
        outbox.follow(log.head(), "me");
        log.append(frame("L0"), "other", null);
        log.publish();
        outbox.wake();
        blocked.await();
        // the writer is stuck in its first write; the publisher goes on, checking lag before each batch
        for (int i = 1; i < 64; i++) {
            if (outbox.lagging(1, 10)) {
                outbox.overflow();
            }
            log.append(frame("L" + i), "other", null);
            log.publish();
            outbox.wake();
        }
        assertThat(listener.overflows).as("marked once, before its unread entries were overwritten").hasValue(1);
        assertThat(outbox.offer(frame("late"))).as("a slow consumer takes no more frames").isFalse();
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> recorded.writes.get() >= 1);
        // whatever it wrote after the stall is whole entries in order, never an overwritten slot
        List<String> labels = recorded.labels();
        for (int i = 0; i < labels.size(); i++) {
            assertThat(labels.get(i)).isEqualTo("L" + i);
        }
    }

    @Test
    void releasedEntriesAreLetGoAndNeverReadAgain() {
        EncodedLog log = new EncodedLog(16);
        for (int i = 0; i < 10; i++) {
            log.append(frame("L" + i), "other", null);
        }
        log.publish();
        log.release(6);
        assertThat(log.frame(5)).isNull();
        assertThat(log.visibleTo(5, "me")).isFalse();
        assertThat(log.frame(6)).isNotNull();
        assertThat(log.visibleTo(6, "me")).isTrue();
        log.release(100); // never past what was appended
        assertThat(log.frame(9)).isNull();
        log.append(frame("L10"), "other", null);
        log.publish();
        assertThat(log.visibleTo(10, "me")).isTrue();
    }

    @Test
    void lagInBytesCountsAgainstSendq() {
        EncodedLog log = new EncodedLog(1024);
        Outbox outbox = new Outbox(log, 100, writers, (b, n) -> { }, new Overflows(), 1_000_000);
        outbox.follow(log.head(), "me");
        assertThat(outbox.lagging(1, 90)).isFalse();
        assertThat(outbox.lagging(1, 101)).isTrue();
        assertThat(new Outbox(log, 100, writers, (b, n) -> { }, new Overflows()).lagging(1, 1000))
                .as("a connection not following the log (not logged in) never lags").isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
