package io.tcpchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real client as a process of its own: {@code java … ChatClientApplication args}, on the
 * client's runtime class path, with its own home folder (no config file, no {@code CHAT_*}
 * variables from the machine). Its stdin is a pipe, so a session reads typed lines from it
 * and prints plain lines.
 */
final class ClientProcess implements AutoCloseable {

    /** Starting a JVM with Spring is slow on a busy machine: waits are generous. */
    static final Duration PATIENCE = Duration.ofSeconds(90);

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();

    private final Process process;
    private final Path log;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final OutputStream stdin;
    private final Thread outPump;
    private final Thread errPump;

    private ClientProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.stdin = process.getOutputStream();
        this.outPump = pump(process.getInputStream(), out, "client-out");
        this.errPump = pump(process.getErrorStream(), err, "client-err");
    }

    /** The command line that starts the client with these arguments. */
    static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", classPath(),
                ChatClientApplication.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    static String classPath() {
        try {
            Path target = Path.of("target").toAbsolutePath();
            String dependencies = Files.readString(target.resolve("client-classpath.txt")).strip();
            return target.resolve("classes") + java.io.File.pathSeparator + dependencies;
        } catch (IOException e) {
            throw new IllegalStateException("target/client-classpath.txt is missing: run the build with Maven", e);
        }
    }

    /** Environment of a client: its own home, nothing from this machine's chat settings. */
    static Map<String, String> environment(Path home, Map<String, String> env) {
        env.keySet().removeIf(k -> k.startsWith("CHAT_") || k.equals("NO_COLOR") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("CHAT_HISTORY", "off"); // a test that wants the history file names one
        return env;
    }

    static ClientProcess start(Path home, String... args) throws IOException {
        Files.createDirectories(home);
        // the client's own debug log goes to a file, to explain a failure
        Path log = home.resolve("client-" + COUNT.incrementAndGet() + ".log");
        List<String> all = new ArrayList<>(List.of("--logging.level.io.tcpchat=debug",
                "--logging.file.name=" + log, "--logging.threshold.console=off"));
        all.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command(all.toArray(String[]::new))).directory(home.toFile());
        environment(home, builder.environment());
        return new ClientProcess(builder.start(), log);
    }

    /** Runs a one-shot command to its end. */
    static Result run(Path home, String... args) throws Exception {
        try (ClientProcess client = start(home, args)) {
            client.closeInput();
            int status = client.waitFor();
            return new Result(status, client.out(), client.err());
        }
    }

    record Result(int status, String out, String err) {
    }

    void type(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    void closeInput() throws IOException {
        stdin.close();
    }

    String out() {
        return String.join("\n", out);
    }

    String err() {
        return String.join("\n", err);
    }

    List<String> outLines() {
        return List.copyOf(out);
    }

    /** Waits until a line of stdout contains {@code text}. */
    void awaitOut(String text) {
        awaitLine(out, text, "stdout");
    }

    void awaitErr(String text) {
        awaitLine(err, text, "stderr");
    }

    private void awaitLine(List<String> lines, String text, String name) {
        try {
            await().atMost(PATIENCE).until(() -> lines.stream().anyMatch(line -> line.contains(text)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no line of " + name + " contains '" + text + "'\n" + diagnosis(), e);
        }
    }

    /** Output, the client's debug log and its threads: what a failed wait needs to be understood. */
    String diagnosis() {
        StringBuilder sb = new StringBuilder();
        sb.append("--- stdout\n").append(out()).append("\n--- stderr\n").append(err());
        try {
            List<String> logLines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            sb.append("\n--- ").append(log).append(" (last lines)\n")
                    .append(String.join("\n", logLines.subList(Math.max(0, logLines.size() - 60), logLines.size())));
            if (process.isAlive()) {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(process.pid()), "Thread.print").redirectErrorStream(true).start();
                String threads = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                sb.append("\n--- threads\n").append(threads);
            }
        } catch (IOException | RuntimeException ex) {
            sb.append("\n(no more: ").append(ex).append(')');
        }
        return sb.toString();
    }

    /** How many lines of stdout contain {@code text}. */
    long countOut(String text) {
        return out.stream().filter(line -> line.contains(text)).count();
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not end; stdout: " + out + " stderr: " + err);
        }
        outPump.join(10_000); // what is left in the pipes
        errPump.join(10_000);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static Thread pump(InputStream in, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
