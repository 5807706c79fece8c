package io.tcpchat.server.history;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What it costs to give {@code seq} so that commit order is seq order when several writers
 * (replicas) store events in one PostgreSQL: the {@code chat_seq} counter row (its row lock,
 * taken first, is held to commit) or a transaction-scoped advisory lock (then the next seq
 * is the largest stored + 1). Batches of 1, 16 and 256 events, 1 and 3 writers, each on its
 * own connection, each batch one transaction with synchronous commit, as the event store does.
 * <p>
 * A measurement, not a test: the name keeps it out of the normal suite. Run it with
 * {@code ./mvnw -pl server-app -am test -Dtest=SeqAssignmentMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * -Dseq.seconds=5}; it prints a table and writes it to target/seq-assignment.md.
 */
class SeqAssignmentMeasurement {

    enum Strategy { COUNTER_ROW, ADVISORY_LOCK }

    private static final long LOCK_KEY = 0x63686174L; // "chat"
    private static final String INSERT = "INSERT INTO chat_event (seq, ts, type, from_name, from_key, body) "
            + "VALUES (?, ?, 'msg', ?, ?, ?)";
    private static final String BODY = "x".repeat(100);

    record Result(Strategy strategy, int batch, int writers, long batches, double seconds, double[] assignMicros,
                  double[] batchMicros, String load) {

        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %s |",
                    strategy == Strategy.COUNTER_ROW ? "counter row" : "advisory lock", batch, writers,
                    batches / seconds, batches * batch / seconds, mean(assignMicros), pct(assignMicros, 0.99),
                    mean(batchMicros), pct(batchMicros, 0.99), load);
        }
    }

    @Test
    void measure() throws Exception {
        Databases.requirePostgres();
        Duration each = Duration.ofSeconds(Long.getLong("seq.seconds", 5));
        List<Result> results = new ArrayList<>();
        for (int writers : new int[] {1, 3}) {
            for (int batch : new int[] {1, 16, 256}) {
                for (Strategy s : Strategy.values()) {
                    results.add(run(s, batch, writers, each));
                }
            }
        }
        StringBuilder table = new StringBuilder("""
                | seq by | events per batch | writers | batches/s | events/s | assign mean µs | assign p99 µs \
                | batch mean µs | batch p99 µs | load average (1, 5, 15 min) before |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        results.forEach(r -> table.append(r.row()).append('\n'));
        System.out.print(table);
        Files.writeString(Path.of("target/seq-assignment.md"), table);
    }

    private static Result run(Strategy strategy, int batch, int writers, Duration time) throws Exception {
        String schema = Databases.postgresSchema();
        DataSource ds = Databases.postgres(schema);
        String load = loadAverage();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            CyclicBarrier start = new CyclicBarrier(writers);
            List<Future<long[][]>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String name = "writer" + w;
                futures.add(pool.submit(() -> write(ds, strategy, batch, name, start, time)));
            }
            List<Double> assign = new ArrayList<>();
            List<Double> total = new ArrayList<>();
            for (Future<long[][]> f : futures) {
                long[][] samples = f.get();
                for (int i = 0; i < samples[0].length; i++) {
                    assign.add(samples[0][i] / 1000.0);
                    total.add(samples[1][i] / 1000.0);
                }
            }
            checkOneOrder(ds, total.size() * (long) batch);
            return new Result(strategy, batch, writers, total.size(), time.toNanos() / 1e9,
                    assign.stream().mapToDouble(Double::doubleValue).sorted().toArray(),
                    total.stream().mapToDouble(Double::doubleValue).sorted().toArray(), load);
        } finally {
            Databases.dropPostgres(schema);
        }
    }

    /** One writer: batches until the time is up; returns the nanoseconds of each seq assignment and each batch. */
    private static long[][] write(DataSource ds, Strategy strategy, int batch, String name, CyclicBarrier start,
                                  Duration time) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement counter = c.prepareStatement(
                     "UPDATE chat_seq SET last_seq = last_seq + ? WHERE id = 1 RETURNING last_seq");
             PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)");
             PreparedStatement max = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM chat_event");
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            List<long[]> samples = new ArrayList<>();
            start.await(30, TimeUnit.SECONDS);
            long end = System.nanoTime() + time.toNanos();
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                long first;
                if (strategy == Strategy.COUNTER_ROW) {
                    counter.setInt(1, batch);
                    first = single(counter) - batch + 1;
                } else {
                    lock.setLong(1, LOCK_KEY);
                    lock.executeQuery().close();
                    first = single(max) + 1;
                }
                long t1 = System.nanoTime();
                Timestamp ts = Timestamp.from(Instant.now());
                for (int i = 0; i < batch; i++) {
                    insert.setLong(1, first + i);
                    insert.setTimestamp(2, ts);
                    insert.setString(3, name);
                    insert.setString(4, name);
                    insert.setString(5, BODY);
                    insert.addBatch();
                }
                insert.executeBatch();
                c.commit();
                samples.add(new long[] {t1 - t0, System.nanoTime() - t0});
            }
            return new long[][] {samples.stream().mapToLong(s -> s[0]).toArray(),
                    samples.stream().mapToLong(s -> s[1]).toArray()};
        }
    }

    /** Every batch stored, no seq given twice, none skipped. */
    private static void checkOneOrder(DataSource ds, long events) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COALESCE(MIN(seq), 1), COALESCE(MAX(seq), 0) "
                     + "FROM chat_event");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(events);
            assertThat(rs.getLong(3) - rs.getLong(2) + 1).as("no gaps").isEqualTo(events);
        }
    }

    private static long single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return String.join(", ", Arrays.copyOf(f, 3));
    }

    private static double mean(double[] sorted) {
        return Arrays.stream(sorted).average().orElse(0);
    }

    private static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
