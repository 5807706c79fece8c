package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event log's two stages under many publishing threads, on a real (in-memory) store:
 * one global order, each publisher's order kept, every callback run once and only after
 * its event was published, and logins ({@link EventLog#atomically}) seeing a replay point
 * that matches exactly what was published.
 */
class EventLogTests {

    @Test
    void manyPublishersOneOrderEveryAckOnceAfterItsEvent() throws Exception {
        DirectChannel events = new DirectChannel();
        List<ServerEvent.Stored> published = new CopyOnWriteArrayList<>();
        AtomicLong lastSeen = new AtomicLong();
        AtomicInteger disorder = new AtomicInteger();
        events.subscribe(m -> {
            for (ServerEvent.Stored e : ((StoredBatch) m.getPayload()).events()) {
                if (e.seq() <= lastSeen.getAndSet(e.seq())) {
                    disorder.incrementAndGet();
                }
                published.add(e);
            }
        });
        EventLog log = new EventLog(new InMemoryEventStore(1_000_000, Clock.systemUTC()), events, 64, 1024);
        log.start();
        int threads = 8;
        int each = 3_000;
        Map<String, Long> ackedSeq = new ConcurrentHashMap<>();
        AtomicInteger acksBeforePublish = new AtomicInteger();
        AtomicInteger replayMismatch = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers.add(Thread.ofVirtual().start(() -> {
                SplittableRandom random = new SplittableRandom(id);
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                int n = 0;
                while (n < each) {
                    int burst = Math.min(each - n, random.nextInt(1, 6));
                    int from = n;
                    Runnable publishBurst = () -> {
                        for (int k = from; k < from + burst; k++) {
                            String text = id + ":" + k;
                            log.publish(new EventDraft.Message("u" + id, null, text), event -> {
                                if (log.lastPublishedSeq() < event.seq()) {
                                    acksBeforePublish.incrementAndGet();
                                }
                                if (ackedSeq.put(text, event.seq()) != null) {
                                    acksBeforePublish.incrementAndGet(); // twice is as wrong as early
                                }
                            });
                        }
                    };
                    if (random.nextBoolean()) {
                        log.inBatch(publishBurst); // as a reader does for the frames of one read
                    } else {
                        publishBurst.run();
                    }
                    n += burst;
                    if (random.nextInt(10) == 0) {
                        // a login: the replay point is exactly the last event handed to subscribers
                        log.atomically(() -> {
                            long point = log.lastPublishedSeq();
                            long seen = published.isEmpty() ? 0 : published.getLast().seq();
                            if (point != seen) {
                                replayMismatch.incrementAndGet();
                            }
                            return null;
                        });
                    }
                }
            }));
        }
        go.countDown();
        for (Thread w : workers) {
            w.join();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ackedSeq.size() == threads * each);
        log.stop();

        assertThat(published).hasSize(threads * each);
        assertThat(disorder).hasValue(0);
        assertThat(acksBeforePublish).hasValue(0);
        assertThat(replayMismatch).hasValue(0);
        // each publisher's events keep its order, and each ack names its own event's seq
        int[] next = new int[threads];
        for (ServerEvent.Stored e : published) {
            String text = ((ServerEvent.ChatMessage) e).text();
            String[] parts = text.split(":");
            int id = Integer.parseInt(parts[0]);
            assertThat(Integer.parseInt(parts[1])).isEqualTo(next[id]++);
            assertThat(ackedSeq.get(text)).isEqualTo(e.seq());
        }
    }

    @Test
    void aLoginPublishingUnderTheLockNeverWaitsForAFullQueue() throws Exception {
        CountDownLatch storeMayGo = new CountDownLatch(1);
        InMemoryEventStore memory = new InMemoryEventStore(1000, Clock.systemUTC());
        EventStore slow = new EventStore() {
            @Override
            public List<ServerEvent.Stored> appendAll(List<EventDraft> drafts) {
                try {
                    storeMayGo.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return memory.appendAll(drafts);
            }

            @Override
            public long lastSeq() {
                return memory.lastSeq();
            }

            @Override
            public List<ServerEvent.Stored> after(long after, long upTo, Viewer viewer, int max) {
                return memory.after(after, upTo, viewer, max);
            }

            @Override
            public Page before(long before, int limit, Viewer viewer) {
                return memory.before(before, limit, viewer);
            }

            @Override
            public boolean fileVisible(long fileId, Viewer viewer) {
                return memory.fileVisible(fileId, viewer);
            }

            @Override
            public boolean wasMember(String userKey, String room) {
                return memory.wasMember(userKey, room);
            }

            @Override
            public List<ServerEvent.Stored> all(long after, int max) {
                return memory.all(after, max);
            }
        };
        DirectChannel events = new DirectChannel();
        List<ServerEvent.Stored> published = new CopyOnWriteArrayList<>();
        events.subscribe(m -> published.addAll(((StoredBatch) m.getPayload()).events()));
        EventLog log = new EventLog(slow, events, 1, 2);
        log.start();
        // the store is stuck: fill the queue, and one more publisher waits for room
        for (int i = 0; i < 3; i++) {
            log.publish(new EventDraft.Joined("filler" + i));
        }
        Thread waiter = Thread.ofVirtual().start(() -> log.publish(new EventDraft.Joined("waiter")));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        // a login queues its joined under the lock the publish stage needs: it must not wait
        Thread login = Thread.ofVirtual().start(() -> log.atomically(() -> {
            log.publish(new EventDraft.Joined("login"));
            return null;
        }));
        login.join(Duration.ofSeconds(5));
        assertThat(login.isAlive()).as("publishing under the lock waited for the full queue").isFalse();
        storeMayGo.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 5);
        log.stop();
    }

    @Test
    void stopStoresAndPublishesWhatIsQueued() {
        DirectChannel events = new DirectChannel();
        List<ServerEvent.Stored> published = new CopyOnWriteArrayList<>();
        events.subscribe(m -> published.addAll(((StoredBatch) m.getPayload()).events()));
        EventLog log = new EventLog(new InMemoryEventStore(1000, Clock.systemUTC()), events, 8, 1024);
        log.start();
        for (int i = 0; i < 500; i++) {
            log.publish(new EventDraft.Joined("u" + i));
        }
        log.stop();
        assertThat(published).hasSize(500);
        assertThat(log.isRunning()).isFalse();
    }
}
