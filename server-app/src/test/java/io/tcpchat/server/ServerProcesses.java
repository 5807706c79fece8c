package io.tcpchat.server;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as a process of its own, for tests that send it signals or kill it: this JVM, the
 * test classpath, {@code ChatServerApplication}, its output appended to a log file.
 */
public final class ServerProcesses {

    private static final String STARTED = "Started ChatServerApplication";

    private ServerProcesses() {
    }

    /** Starts a server with {@code jvmOptions} (besides the quick-start ones) and {@code args}. */
    public static Process start(Path log, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                ChatServerApplication.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public static Process start(Path log, String... args) throws IOException {
        return start(log, List.of(), args);
    }

    /** Waits until {@code port} accepts connections, failing at once if the server died. */
    public static void awaitListening(Process server, int port) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(server.isAlive()).as("the server is running").isTrue();
            return accepts(port);
        });
    }

    /**
     * Waits until {@code port} accepts connections and the application has started: only then is
     * the SIGTERM handler installed that makes the exit status 0 (listeners that start later, the
     * web port, come after the chat and IRC ports).
     */
    public static void awaitStarted(Process server, int port, Path log) {
        awaitListening(server, port);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(log).contains(STARTED));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
