package io.tcpchat.server.session;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry hammered from many threads, each with its own seeded random sequence of
 * operations; the invariants are checked while they run and once they are done.
 */
class SessionRegistryTests {

    private static final long SEED = 20261201L;
    private static final int THREADS = 8;
    private static final String[] ADDRESSES = {"10.0.0.1", "10.0.0.2", "10.0.0.3"};
    private static final String[] NAMES = {"ann", "bob", "cy", "dee", "eve"};

    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    @Test
    void claimAndCloseAreOneStep() {
        SessionRegistry registry = new SessionRegistry();
        Session closing = add(registry, "10.0.0.1");
        closing.startClosing();
        assertThat(registry.claim("ann", closing, "s1")).isEqualTo(SessionRegistry.Claim.CLOSED);
        Session removed = add(registry, "10.0.0.1");
        registry.remove(removed.connectionId());
        assertThat(registry.claim("ann", removed, "s2")).isEqualTo(SessionRegistry.Claim.CLOSED);
        assertThat(registry.online("ann")).isNull();

        Session ann = add(registry, "10.0.0.1");
        assertThat(registry.claim("ann", ann, "s3")).isEqualTo(SessionRegistry.Claim.CLAIMED);
        assertThat(registry.claim("ANN", add(registry, "10.0.0.2"), "s4")).isEqualTo(SessionRegistry.Claim.TAKEN);
        registry.remove(ann.connectionId());
        assertThat(registry.online("ann")).isNull();
        assertThat(registry.claim("Ann", add(registry, "10.0.0.2"), "s5")).isEqualTo(SessionRegistry.Claim.CLAIMED);
    }

    /** Connections come and go from a few addresses; each thread admits only what is under the cap. */
    @Test
    void perAddressCountsStayExactAndTheCapHolds() throws Exception {
        SessionRegistry registry = new SessionRegistry();
        int cap = 3;
        Map<String, AtomicInteger> admitted = new HashMap<>();
        for (String a : ADDRESSES) {
            admitted.put(a, new AtomicInteger());
        }
        run(THREADS, (random, thread) -> {
            Deque<Session> mine = new ArrayDeque<>();
            for (int i = 0; i < 100_000; i++) {
                if (mine.size() < 2 && (mine.isEmpty() || random.nextBoolean())) {
                    Session s = session(ADDRESSES[random.nextInt(ADDRESSES.length)]);
                    SessionRegistry.Added added = registry.add(s);
                    if (added.fromAddress() > cap) {
                        registry.remove(s.connectionId()); // refused, as onOpen closes it
                        continue;
                    }
                    int now = admitted.get(s.address()).incrementAndGet();
                    if (now > cap) {
                        violations.add(now + " admitted from " + s.address() + " over a cap of " + cap);
                    }
                    mine.add(s);
                } else {
                    Session s = random.nextBoolean() ? mine.pollFirst() : mine.pollLast();
                    admitted.get(s.address()).decrementAndGet();
                    registry.remove(s.connectionId());
                }
            }
            for (Session s : mine) {
                admitted.get(s.address()).decrementAndGet();
                registry.remove(s.connectionId());
            }
        });
        assertThat(violations).isEmpty();
        for (String a : ADDRESSES) {
            assertThat(registry.connectionsFrom(a)).as("connections from %s", a).isZero();
        }
        assertThat(registry.connectionCount()).isZero();
        assertThat(registry.connections()).isEmpty();
    }

    @Test
    void claimRemoveAddAndOnlineFromManyThreadsKeepTheInvariants() throws Exception {
        SessionRegistry registry = new SessionRegistry();
        int slots = 16;
        AtomicReferenceArray<Session> pool = new AtomicReferenceArray<>(slots);
        Queue<Session> created = new ConcurrentLinkedQueue<>();
        Set<Session> claimAttempted = ConcurrentHashMap.newKeySet();
        // when each removal was done, on a clock of removals: a reader that started later must not see it
        Map<Session, Long> removedAt = new ConcurrentHashMap<>();
        AtomicLong removals = new AtomicLong();
        Map<String, Set<Session>> holders = new ConcurrentHashMap<>();
        for (int i = 0; i < slots; i++) {
            Session s = add(registry, ADDRESSES[i % ADDRESSES.length]);
            created.add(s);
            pool.set(i, s);
        }
        run(THREADS, (random, thread) -> {
            for (int i = 0; i < 50_000; i++) {
                int slot = random.nextInt(slots);
                Session s = pool.get(slot);
                switch (random.nextInt(10)) {
                    case 0, 1 -> {
                        Session fresh = add(registry, ADDRESSES[random.nextInt(ADDRESSES.length)]);
                        created.add(fresh);
                        pool.set(slot, fresh);
                    }
                    case 2, 3, 4 -> {
                        if (!claimAttempted.add(s)) {
                            break; // one hello per connection, as on its reader thread
                        }
                        String name = randomCase(NAMES[random.nextInt(NAMES.length)], random);
                        boolean wasGone = s.closing() || s.isRemoved();
                        SessionRegistry.Claim claim = registry.claim(name, s, "id");
                        if (wasGone && claim != SessionRegistry.Claim.CLOSED) {
                            violations.add(s + " claimed " + name + " while closing or removed: " + claim);
                        }
                        if (claim == SessionRegistry.Claim.CLAIMED) {
                            Set<Session> those = holders.computeIfAbsent(key(name), k -> ConcurrentHashMap.newKeySet());
                            those.removeIf(Session::isRemoved);
                            those.add(s);
                            for (Session other : those) {
                                // a claimant removed since (another thread closed it) holds the name no more
                                if (other != s && !other.isRemoved() && !s.isRemoved()) {
                                    violations.add(name + " claimed by " + s + " and by " + other);
                                }
                            }
                        }
                    }
                    case 5, 6 -> {
                        Session got = registry.remove(s.connectionId());
                        if (got != null) {
                            if (got != s) {
                                violations.add("removing " + s + " returned " + got);
                            }
                            removedAt.put(got, removals.incrementAndGet());
                        }
                    }
                    case 7 -> s.startClosing();
                    default -> {
                        long now = removals.get();
                        for (Session o : registry.online()) {
                            if (removedAt.getOrDefault(o, Long.MAX_VALUE) <= now) {
                                violations.add("online lists " + o + ", removed before");
                            }
                        }
                        String name = NAMES[random.nextInt(NAMES.length)];
                        Session o = registry.online(randomCase(name, random));
                        if (o != null && (!name.equals(key(o.user()))
                                || removedAt.getOrDefault(o, Long.MAX_VALUE) <= now)) {
                            violations.add("online(" + name + ") is " + o);
                        }
                    }
                }
            }
        });
        assertThat(violations).isEmpty();

        Map<String, List<Session>> byName = new HashMap<>();
        int open = 0;
        for (Session s : created) {
            if (s.isRemoved()) {
                assertThat(registry.online()).doesNotContain(s);
                continue;
            }
            open++;
            if (s.loggedIn()) {
                byName.computeIfAbsent(key(s.user()), k -> new ArrayList<>()).add(s);
                assertThat(registry.online(s.user())).isSameAs(s);
            }
        }
        assertThat(byName.values()).allSatisfy(those -> assertThat(those).hasSize(1));
        assertThat(registry.onlineCount()).isEqualTo(byName.size());
        assertThat(registry.connectionCount()).isEqualTo(open);
        assertThat(registry.connections()).hasSize(open);

        for (Session s : created) {
            registry.remove(s.connectionId());
        }
        assertThat(registry.onlineCount()).isZero();
        assertThat(registry.connectionCount()).isZero();
        for (String a : ADDRESSES) {
            assertThat(registry.connectionsFrom(a)).isZero();
        }
    }

    private interface Worker {
        void run(Random random, int thread) throws Exception;
    }

    /** Starts the workers together, each with a random seeded from SEED and its number. */
    private static void run(int threads, Worker worker) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    worker.run(new Random(SEED + thread), thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Session add(SessionRegistry registry, String address) {
        Session s = session(address);
        registry.add(s);
        return s;
    }

    private Session session(String address) {
        return new Session("c" + ids.incrementAndGet(), address, "chat", null, null, null, null, 0);
    }

    private static String randomCase(String name, Random random) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return b.toString();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
