package io.tcpchat.server.cluster;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three server processes on one PostgreSQL schema: clients of different replicas talk as if
 * there were one server, and what one replica stores every other delivers, in one order, also
 * when a notification is lost or a replica dies by SIGKILL (last: it leaves two replicas).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTests {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;

    static Replicas replicas;

    @BeforeAll
    static void start() throws IOException {
        replicas = Replicas.start(dir, 3);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    @Order(1)
    void clientsOfDifferentReplicasChatInLobbyRoomsAndDirectly() throws IOException {
        try (var alice = TestClient.loginRooms(replicas.port(0), "alice");
             var bob = TestClient.loginRooms(replicas.port(1), "bob");
             var carol = TestClient.loginRooms(replicas.port(2), "carol")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    ((ServerEvent.Users) carol.request(new ClientEvent.Who("w" + System.nanoTime()))).users())
                    .as("who lists every replica's users").contains("alice", "bob", "carol"));

            assertThat(alice.request(new ClientEvent.Send("hello all", null, "m1"))).isInstanceOf(ServerEvent.Ack.class);
            assertThat(bob.await(ServerEvent.ChatMessage.class, m -> m.text().equals("hello all")).from()).isEqualTo("alice");
            assertThat(carol.await(ServerEvent.ChatMessage.class, m -> m.text().equals("hello all")).from()).isEqualTo("alice");

            assertThat(bob.request(new ClientEvent.Send("psst", "carol", "d1"))).isInstanceOf(ServerEvent.Ack.class);
            ServerEvent.ChatMessage direct = carol.await(ServerEvent.ChatMessage.class, m -> m.text().equals("psst"));
            assertThat(direct.to()).isEqualTo("carol");
            assertThat(alice.request(new ClientEvent.Send("x", "nobody", "d2")))
                    .as("a recipient online nowhere").isInstanceOf(ServerEvent.ErrorEvent.class);

            assertThat(alice.request(new ClientEvent.Join("#ops", "j1"))).isInstanceOf(ServerEvent.RoomState.class);
            ServerEvent bobJoin = bob.request(new ClientEvent.Join("#ops", "j2"));
            assertThat(bobJoin).isInstanceOf(ServerEvent.RoomState.class);
            assertThat(((ServerEvent.RoomState) bobJoin).members()).extracting(ServerEvent.Member::user)
                    .as("the room another replica created, as this one decided the join").contains("alice", "bob");
            assertThat(bob.request(new ClientEvent.Send("in the room", null, "#ops", null, "r1")))
                    .isInstanceOf(ServerEvent.Ack.class);
            assertThat(alice.await(ServerEvent.ChatMessage.class, m -> m.text().equals("in the room")).room())
                    .isEqualTo("#ops");
            carol.request(new ClientEvent.Send("after the room", null, "m2"));
            assertThat(alice.await(ServerEvent.ChatMessage.class, m -> m.text().equals("after the room")))
                    .isNotNull();
            assertThat(carol.drain()).extracting(e -> e instanceof ServerEvent.ChatMessage m ? m.text() : "")
                    .doesNotContain("in the room");
        }
    }

    @Test
    @Order(2)
    void everyReplicaDeliversOneOrder() throws Exception {
        List<TestClient> clients = new ArrayList<>();
        try {
            List<List<ServerEvent.ChatMessage>> seen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClient c = TestClient.login(replicas.port(i), "order" + i);
                List<ServerEvent.ChatMessage> mine = new CopyOnWriteArrayList<>();
                c.listen(e -> {
                    if (e instanceof ServerEvent.ChatMessage m && m.text().startsWith("o")) {
                        mine.add(m);
                    }
                });
                clients.add(c);
                seen.add(mine);
            }
            int each = 100;
            List<Thread> writers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                TestClient c = clients.get(i);
                int w = i;
                writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        for (int k = 0; k < each; k++) {
                            c.send(new ClientEvent.Send("o" + w + "-" + k, null, null));
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (Thread t : writers) {
                t.join();
            }
            // each sees everyone's but its own
            await().atMost(Duration.ofSeconds(30)).until(() -> seen.stream().allMatch(s -> s.size() == 2 * each));
            Map<Long, String> bySeq = new ConcurrentSkipListMap<>();
            for (List<ServerEvent.ChatMessage> s : seen) {
                long last = 0;
                for (ServerEvent.ChatMessage m : s) {
                    assertThat(m.seq()).as("each client receives in seq order").isGreaterThan(last);
                    last = m.seq();
                    String before = bySeq.putIfAbsent(m.seq(), m.text());
                    assertThat(before == null || before.equals(m.text())).as("one text per seq on every replica").isTrue();
                }
            }
            assertThat(bySeq).hasSize(3 * each);
        } finally {
            for (TestClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    @Order(2)
    void theLastSeatOfARoomGoesToOneJoinWhicheverReplicaDecidesIt() throws Exception {
        // chat.rooms.members-max=2: the owner and one more; two replicas decide a join each, at once
        try (var owner = TestClient.loginRooms(replicas.port(0), "seatowner");
             var one = TestClient.loginRooms(replicas.port(1), "seatone");
             var two = TestClient.loginRooms(replicas.port(2), "seattwo")) {
            for (int round = 0; round < 5; round++) {
                String room = "#seat" + round;
                // acknowledged: the others' gates catch up with its creation under the counter's lock
                assertThat(owner.request(new ClientEvent.Join(room, "o" + round))).isInstanceOf(ServerEvent.RoomState.class);
                String refA = "a" + round;
                String refB = "b" + round;
                one.send(new ClientEvent.Join(room, refA));
                two.send(new ClientEvent.Join(room, refB));
                ServerEvent a = one.await(ServerEvent.class, e -> refA.equals(refOf(e)));
                ServerEvent b = two.await(ServerEvent.class, e -> refB.equals(refOf(e)));
                assertThat(List.of(a, b)).as("round %d: one seat, one join", round)
                        .filteredOn(e -> e instanceof ServerEvent.RoomState).hasSize(1);
                assertThat(List.of(a, b)).filteredOn(e -> e instanceof ServerEvent.ErrorEvent x
                        && x.code().equals("room_full")).hasSize(1);
            }
        }
    }

    private static String refOf(ServerEvent e) {
        return switch (e) {
            case ServerEvent.RoomState r -> r.ref();
            case ServerEvent.ErrorEvent x -> x.ref();
            default -> null;
        };
    }

    @Test
    @Order(3)
    void aNameIsOnlineOnOneReplicaOnly() throws Exception {
        try (var first = TestClient.login(replicas.port(0), "Dana")) {
            try (var second = TestClient.connect(replicas.port(1))) {
                second.send(new ClientEvent.Hello("dana"));
                second.awaitError("name_taken");
            }
        }
        // free once her left is stored
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var again = TestClient.connect(replicas.port(2))) {
                again.send(new ClientEvent.Hello("dana"));
                assertThat(again.next()).isInstanceOf(ServerEvent.Welcome.class);
            }
        });
    }

    @Test
    @Order(4)
    void failedLoginsOnEveryReplicaAddUpToOneLockout() throws Exception {
        String password = "correct horse battery";
        try (var cy = TestClient.login(replicas.port(0), "cy")) {
            cy.send(new ClientEvent.Register(password, null));
            cy.await(ServerEvent.Ack.class);
        }
        for (int i = 0; i < 3; i++) {
            try (var guess = TestClient.connectFrom("127.0.0." + (20 + i), replicas.port(i))) {
                guess.send(new ClientEvent.Hello(1, "cy", "guess " + i, null, null, null));
                guess.awaitError("auth_failed");
            }
        }
        try (var owner = TestClient.connectFrom("127.0.0.30", replicas.port(1))) {
            owner.send(new ClientEvent.Hello(1, "cy", password, null, null, null));
            assertThat(owner.awaitError("auth_failed").message()).as("one failure per replica: locked all the same")
                    .contains("try again in");
        }
    }

    @Test
    @Order(5)
    void aLostNotificationDelaysDeliveryByAtMostThePollInterval() throws Exception {
        try (var sender = TestClient.login(replicas.port(0), "notifier");
             var receiver = TestClient.login(replicas.port(1), "deaf")) {
            assertThat(replicas.terminateListener(1)).as("replica 1's listening backend").isEqualTo(1);
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                sender.send(new ClientEvent.Send("lost-" + i, null, null));
            }
            receiver.await(ServerEvent.ChatMessage.class, m -> m.text().equals("lost-19"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(took).as("delivered within the poll interval (and a reconnect)")
                    .isLessThan(Replicas.POLL.multipliedBy(2).plusSeconds(2));
        }
    }

    @Test
    @Order(6)
    void readinessIncludesTheTailAndTheClusterIsMeasured() throws Exception {
        // components shown, as config/application.yml shows them
        assertThat(replicas.get(0, "/actuator/health/readiness")).as("readiness includes the tail")
                .startsWith("200").contains("\"clusterTail\":{\"status\":\"UP\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(replicas.get(0, "/actuator/prometheus"))
                .contains("chat_cluster_tail_lag_events", "chat_cluster_tail_lag_seconds",
                        "chat_cluster_heartbeat_age_max_seconds")
                .containsPattern("chat_cluster_nodes_others(\\{[^}]*\\})? 2.0")
                .containsPattern("chat_cluster_seq_assign_seconds_count(\\{[^}]*\\})? [1-9]"));
    }

    @Test
    @Order(7)
    void aReplicaDeclaredDeadDropsItsClientsWhoComeBack() throws Exception {
        try (var fenced = TestClient.login(replicas.port(1), "fenced");
             var watcher = TestClient.login(replicas.port(0), "watcher")) {
            // as if replica 1 had been paused past dead-after: the others took its row away
            assertThat(replicas.execute("DELETE FROM chat_node WHERE node_id = '" + Replicas.node(1) + "'")).isEqualTo(1);
            assertThat(fenced.await(ServerEvent.Bye.class).reason()).isEqualTo("server_shutdown");
            watcher.await(ServerEvent.Left.class, l -> l.user().equals("fenced"));
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var back = TestClient.connect(replicas.port(1))) {
                back.send(new ClientEvent.Hello("fenced"));
                assertThat(back.next()).isInstanceOf(ServerEvent.Welcome.class);
            }
        });
    }

    @Test
    @Order(8)
    void aKilledReplicasAcknowledgedMessagesReachEveryoneAndItsUsersLeave() throws Exception {
        Map<Long, String> acked = new ConcurrentSkipListMap<>();
        Map<Long, String> atZero = new ConcurrentSkipListMap<>();
        Map<Long, String> atOne = new ConcurrentSkipListMap<>();
        AtomicBoolean ordered = new AtomicBoolean(true);
        try (var writer = TestClient.login(replicas.port(2), "victim");
             var r0 = TestClient.login(replicas.port(0), "reader0");
             var r1 = TestClient.login(replicas.port(1), "reader1")) {
            List<ServerEvent.Left> left = new CopyOnWriteArrayList<>();
            collect(r0, atZero, left, ordered);
            collect(r1, atOne, new CopyOnWriteArrayList<>(), ordered);
            // a window of unacknowledged messages: as fast as the cluster stores, never faster than
            // the test's readers read (they would be dropped as slow consumers, rightly)
            Semaphore window = new Semaphore(64);
            writer.listen(e -> {
                if (e instanceof ServerEvent.Ack a && a.seq() != null) {
                    acked.put(a.seq(), a.ref());
                    window.release();
                }
            });
            Thread load = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 1_000_000; i++) {
                        if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
                            return; // no acks any more: the replica is dead
                        }
                        writer.send(new ClientEvent.Send("k" + i, null, "k" + i));
                    }
                } catch (IOException | InterruptedException killed) {
                    // the replica died under us
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= 500);
            replicas.kill(2);
            long killedAt = System.nanoTime();

            await().atMost(Duration.ofSeconds(30)).until(() -> atZero.keySet().containsAll(acked.keySet())
                    && atOne.keySet().containsAll(acked.keySet()));
            for (var e : acked.entrySet()) {
                assertThat(atZero.get(e.getKey())).isEqualTo(e.getValue());
                assertThat(atOne.get(e.getKey())).isEqualTo(e.getValue());
            }
            assertThat(ordered).as("both survivors delivered in seq order").isTrue();

            await().atMost(Replicas.DEAD_AFTER.plus(Replicas.HEARTBEAT).plusSeconds(5))
                    .until(() -> left.stream().anyMatch(l -> l.user().equals("victim")));
            Duration leftAfter = Duration.ofNanos(System.nanoTime() - killedAt);
            assertThat(left).filteredOn(l -> l.user().equals("victim")).singleElement()
                    .extracting(ServerEvent.Left::reason).isEqualTo("disconnect");
            assertThat(leftAfter).as("marked left about dead-after after the kill")
                    .isLessThan(Replicas.DEAD_AFTER.plus(Replicas.HEARTBEAT).plusSeconds(5));

            try (var back = TestClient.connect(replicas.port(1))) {
                back.send(new ClientEvent.Hello(1, "victim", null, null, 0L, null));
                back.await(ServerEvent.Welcome.class);
                long last = 0;
                Map<Long, String> replayed = new ConcurrentSkipListMap<>();
                while (!replayed.keySet().containsAll(acked.keySet())) {
                    ServerEvent e = back.next();
                    if (e instanceof ServerEvent.Stored s) {
                        assertThat(s.seq()).as("replay in seq order").isGreaterThan(last);
                        last = s.seq();
                    }
                    if (e instanceof ServerEvent.ChatMessage m) {
                        replayed.put(m.seq(), m.text());
                    }
                }
            }
        }
    }

    private static void collect(TestClient c, Map<Long, String> into, List<ServerEvent.Left> left, AtomicBoolean ordered) {
        long[] last = {0};
        c.listen(e -> {
            if (e instanceof ServerEvent.Stored s) {
                if (s.seq() <= last[0]) {
                    ordered.set(false);
                }
                last[0] = s.seq();
            }
            if (e instanceof ServerEvent.ChatMessage m) {
                into.put(m.seq(), m.text());
            } else if (e instanceof ServerEvent.Left l) {
                left.add(l);
            }
        });
    }
}
