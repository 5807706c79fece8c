package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Fan-out under load, with the rate limit off: nothing lost or reordered; a slow reader is dropped alone. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.limits.rate=0",
        "chat.history.capacity=1000"})
class FanOutTests {

    @Autowired
    ChatEndpoint endpoint;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    /** What one receiver saw of each sender: count, and order violations. */
    static final class Receiver {
        final ConcurrentHashMap<String, Integer> lastBySender = new ConcurrentHashMap<>();
        final AtomicLong received = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        volatile long lastSeq;
        final AtomicLong seqDisorder = new AtomicLong();

        void on(ServerEvent e) {
            if (e instanceof ServerEvent.ChatMessage m) {
                int sep = m.text().indexOf(':');
                String sender = m.text().substring(0, sep);
                int end = sep + 1;
                while (end < m.text().length() && Character.isDigit(m.text().charAt(end))) {
                    end++;
                }
                int n = Integer.parseInt(m.text().substring(sep + 1, end));
                Integer prev = lastBySender.put(sender, n);
                if (prev == null ? n != 0 : n != prev + 1) {
                    outOfOrder.incrementAndGet();
                }
                if (m.seq() <= lastSeq) {
                    seqDisorder.incrementAndGet();
                }
                lastSeq = m.seq();
                received.incrementAndGet();
            }
        }
    }

    @Test
    void twoHundredClientsSendingAHundredMessagesEachLoseAndReorderNothing() throws Exception {
        int clients = 200;
        int perSender = 100;
        List<TestClient> all = new ArrayList<>();
        List<Receiver> receivers = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                // 40 per loopback source address, under the default cap of 50
                TestClient c = TestClient.connectFrom("127.0.1." + (1 + i / 40), port);
                c.send(new ClientEvent.Hello("load" + i));
                c.await(ServerEvent.Welcome.class);
                Receiver r = new Receiver();
                c.listen(r::on);
                all.add(c);
                receivers.add(r);
            }
            List<Thread> senders = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                TestClient c = all.get(i);
                String name = "load" + i;
                senders.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int n = 0; n < perSender; n++) {
                            c.send(new ClientEvent.Send(name + ":" + n, null, null));
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }));
            }
            for (Thread t : senders) {
                t.join(Duration.ofSeconds(60));
            }
            long expected = (long) (clients - 1) * perSender;
            Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> receivers.stream().allMatch(r -> r.received.get() >= expected));
            for (Receiver r : receivers) {
                assertThat(r.received.get()).isEqualTo(expected);
                assertThat(r.outOfOrder.get()).isZero();
                assertThat(r.seqDisorder.get()).isZero();
            }
        } finally {
            for (TestClient c : all) {
                c.close();
            }
        }
    }

    @Test
    void aClientThatNeverReadsIsDroppedAsSlowConsumerWhileTheOthersGetEverythingInOrder() throws Exception {
        try (var sender = TestClient.login(port, "firehose"); var a = TestClient.login(port, "steady1");
             var b = TestClient.login(port, "steady2"); var stuck = TestClient.connectNeverReading(port)) {
            stuck.send(new ClientEvent.Hello("stuck"));
            a.await(ServerEvent.Joined.class, j -> j.user().equals("stuck"));
            Receiver ra = new Receiver();
            Receiver rb = new Receiver();
            List<ServerEvent.Left> aLeft = new java.util.concurrent.CopyOnWriteArrayList<>();
            a.listen(e -> {
                ra.on(e);
                if (e instanceof ServerEvent.Left l) {
                    aLeft.add(l);
                }
            });
            b.listen(rb::on);
            // 3000 messages of about 4000 bytes: 12 MB, past the default sendq of 8 MiB
            String pad = "|" + "x".repeat(3970);
            int count = 3000;
            for (int n = 0; n < count; n++) {
                sender.send(new ClientEvent.Send("firehose:" + n + pad, null, null));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> ra.received.get() >= count && rb.received.get() >= count);
            assertThat(ra.received.get()).isEqualTo(count);
            assertThat(rb.received.get()).isEqualTo(count);
            assertThat(ra.outOfOrder.get()).isZero();
            assertThat(rb.outOfOrder.get()).isZero();
            // other tests' clients may still be leaving: look at the one that matters
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> aLeft.stream().anyMatch(l -> l.user().equals("stuck")));
            assertThat(aLeft).filteredOn(l -> l.user().equals("stuck")).singleElement().satisfies(l -> {
                assertThat(l.user()).isEqualTo("stuck");
                assertThat(l.reason()).isEqualTo("slow_consumer");
            });
        }
    }
}
