package io.tcpchat.server.irc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw IRC client over a real socket for tests: what arrives is queued line by line by a
 * reader thread (PINGs from the server are answered); the await methods wait for a line with
 * a timeout and fail loudly, showing what came instead.
 */
final class IrcTestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String EOF = "<eof>";

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line seen, for failure messages. */
    private final List<String> seen = new ArrayList<>();
    private volatile boolean ended;

    private IrcTestClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread.ofVirtual().start(this::readLoop);
    }

    static IrcTestClient connect(int port) throws IOException {
        return new IrcTestClient(new Socket("127.0.0.1", port));
    }

    /** A client over a socket the test connected itself (TLS, a chosen source address). */
    static IrcTestClient over(Socket socket) throws IOException {
        return new IrcTestClient(socket);
    }

    /** Connects and registers with NICK and USER; waits for the end of the registration burst. */
    static IrcTestClient register(int port, String nick) throws IOException {
        IrcTestClient c = connect(port);
        c.send("NICK " + nick);
        c.send("USER " + nick + " 0 * :" + nick + " test");
        c.await(" 001 ");
        c.await(" 366 " + nick + " #lobby ");
        return c;
    }

    private void readLoop() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("PING ")) {
                    send("PONG " + line.substring(5));
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // closed: tests look at what came before
        } finally {
            ended = true;
            lines.add(EOF);
        }
    }

    void send(String line) throws IOException {
        sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** The next line that contains {@code part}; the lines before it are skipped. */
    String await(String part) {
        return await(l -> l.contains(part), "a line with '" + part + "'");
    }

    String await(Predicate<String> match, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null || line == EOF) {
                    if (line == EOF) {
                        lines.add(EOF);
                    }
                    throw new AssertionError("expected " + what + (line == null ? " within " + TIMEOUT : " before the end")
                            + "; got: " + String.join("\n", seen));
                }
                seen.add(line);
                if (match.test(line)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Lines up to and including the first that contains {@code last}. */
    List<String> collect(String last) {
        List<String> got = new ArrayList<>();
        await(l -> {
            got.add(l);
            return l.contains(last);
        }, "a line with '" + last + "'");
        return got;
    }

    /** Waits for the server to close the connection. */
    void awaitClosed() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            String line;
            do {
                long left = deadline - System.nanoTime();
                line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("the server did not close within " + TIMEOUT + "; got: " + String.join("\n", seen));
                }
                seen.add(line);
            } while (line != EOF);
            lines.add(EOF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    boolean ended() {
        return ended;
    }

    /** Lines queued now, without waiting. */
    List<String> drain() {
        List<String> got = new ArrayList<>();
        lines.drainTo(got);
        got.remove(EOF);
        seen.addAll(got);
        return got;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
