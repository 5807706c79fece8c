package io.tcpchat.server.cluster;

import io.tcpchat.server.history.Databases;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Server processes of one cluster on one fresh PostgreSQL schema (the test classpath's
 * ChatServerApplication, as RestartSurvivalTests starts one): real processes, so that a replica
 * can die by SIGKILL.
 */
final class Replicas implements AutoCloseable {

    static final Duration HEARTBEAT = Duration.ofMillis(300);
    // short for a lean test; long enough that pauses on a busy machine (three JVMs, two cores) do not
    // get a live replica declared dead
    static final Duration DEAD_AFTER = Duration.ofMillis(3000);
    static final Duration POLL = Duration.ofMillis(500);

    final String schema;
    private final Path dir;
    private final int[] ports;
    private final int[] managementPorts;
    private final Process[] processes;

    private Replicas(String schema, Path dir, int n) {
        this.schema = schema;
        this.dir = dir;
        this.ports = new int[n];
        this.managementPorts = new int[n];
        this.processes = new Process[n];
    }

    /** Starts {@code n} replicas at once on a fresh schema (migrated first) and waits until each listens. */
    static Replicas start(Path dir, int n) throws IOException {
        String schema = Databases.postgresSchema();
        Databases.postgres(schema);
        Replicas r = new Replicas(schema, dir, n);
        for (int i = 0; i < n; i++) {
            r.ports[i] = freePort();
            r.managementPorts[i] = freePort();
            r.processes[i] = r.launch(i);
        }
        for (int i = 0; i < n; i++) {
            awaitListening(r.ports[i], r.processes[i]);
        }
        return r;
    }

    int port(int i) {
        return ports[i];
    }

    /** GETs {@code path} from replica {@code i}'s management port: status and body. */
    String get(int i, String path) throws IOException, InterruptedException {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + managementPorts[i] + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        }
    }

    /** Runs one statement on the cluster's schema, as an operator (or a partition) would. */
    int execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.postgresUrl(schema), Databases.POSTGRES_USER, "");
             PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        }
    }

    static String node(int i) {
        return "node-" + i;
    }

    /** SIGKILL: no graceful stop, no rows deleted. */
    void kill(int i) throws InterruptedException {
        processes[i].destroyForcibly();
        processes[i].waitFor(30, TimeUnit.SECONDS);
    }

    /** Ends the connection replica {@code i}'s tail listens on, as a database restart would. */
    int terminateListener(int i) throws SQLException {
        try (Connection c = DriverManager.getConnection(Databases.POSTGRES, Databases.POSTGRES_USER, "");
             PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     + "WHERE application_name = ?")) {
            ps.setString(1, "chat-tail-" + node(i));
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    private Process launch(int i) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx384m", "-XX:ActiveProcessorCount=2",
                "-cp", System.getProperty("java.class.path"),
                "io.tcpchat.server.ChatServerApplication",
                "--chat.port=" + ports[i], "--management.server.port=" + managementPorts[i],
                "--management.endpoint.health.show-components=always", "--chat.limits.rate=0",
                "--chat.rooms.create=everyone", "--chat.rooms.members-max=2", "--chat.auth.lockout.failures=3", "--chat.auth.lockout.base-delay=30s",
                "--chat.files.store=postgres", "--chat.files.dir=" + dir.resolve("files-" + i),
                "--spring.datasource.url=" + Databases.postgresUrl(schema),
                "--spring.datasource.username=" + Databases.POSTGRES_USER,
                "--chat.cluster.enabled=true", "--chat.cluster.node-id=" + node(i),
                "--chat.cluster.heartbeat-interval=" + HEARTBEAT.toMillis() + "ms",
                "--chat.cluster.dead-after=" + DEAD_AFTER.toMillis() + "ms",
                "--chat.cluster.poll-interval=" + POLL.toMillis() + "ms"));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("server-" + i + ".log").toFile())).start();
    }

    private static void awaitListening(int port, Process p) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!p.isAlive()) {
                throw new AssertionError("a replica exited with " + p.exitValue() + " (see server-*.log)");
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p != null) {
                p.destroyForcibly();
            }
        }
        for (Process p : processes) {
            if (p != null) {
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        Databases.dropPostgres(schema);
    }
}
