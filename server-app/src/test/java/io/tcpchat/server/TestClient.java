package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CHAT/1 client over a real socket for tests: what arrives is queued (or given to a
 * listener) by a reader thread; the await methods wait for a condition with a timeout.
 * The end of the stream is told apart from garbage: bytes that are not CHAT/1 (or a
 * reader that failed) make the next await fail loudly, never look like a clean close.
 */
public final class TestClient implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final EventCodec CODEC = new EventCodec();
    /** Marks the end of the stream in the queue. */
    private final List<ServerEvent> skipped = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ServerEvent.Welcome welcome;
    private static final ServerEvent EOF = new ServerEvent.Bye("<eof>");

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<ServerEvent> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile Consumer<ServerEvent> listener;
    private volatile Consumer<Frame.Data> dataListener;
    private volatile boolean ended;
    /** Why reading stopped when it was not the stream ending: what the server sent is not CHAT/1. */
    private volatile Throwable garbage;

    private TestClient(Socket socket, boolean read) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.out = socket.getOutputStream();
        this.reader = read ? Thread.ofVirtual().start(this::readLoop) : null;
    }

    public static TestClient connect(int port) throws IOException {
        return new TestClient(new Socket("127.0.0.1", port), true);
    }

    /** Connects from a chosen loopback source address (127.0.0.x), to stay under per-address caps. */
    public static TestClient connectFrom(String source, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return new TestClient(s, true);
    }

    /** A client over a socket the test connected itself (and may have written to, e.g. a PROXY header). */
    public static TestClient over(Socket socket) throws IOException {
        return new TestClient(socket, true);
    }

    /** Connects over TLS, trusting what {@code context} trusts; the handshake happens here. */
    public static TestClient connectTls(int port, javax.net.ssl.SSLContext context) throws IOException {
        javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        javax.net.ssl.SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        s.startHandshake();
        return new TestClient(s, true);
    }

    /**
     * A reading client with a tiny receive buffer: while its reader is held (a listener that
     * blocks), the server can get only a few KiB ahead of it.
     */
    public static TestClient connectWithSmallReceiveBuffer(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return new TestClient(s, true);
    }

    /** A client that never reads what the server sends (with a tiny receive buffer). */
    public static TestClient connectNeverReading(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return new TestClient(s, false);
    }

    public static TestClient login(int port, String user) throws IOException {
        TestClient c = connect(port);
        c.send(new ClientEvent.Hello(user));
        c.await(ServerEvent.Welcome.class);
        return c;
    }

    /** Logs in opting in to rooms ({@code hello.features}); returns once welcomed. */
    public static TestClient loginRooms(int port, String user) throws IOException {
        return loginRooms(port, user, null, null);
    }

    public static TestClient loginRooms(int port, String user, String password, Long since) throws IOException {
        TestClient c = connect(port);
        c.send(new ClientEvent.Hello(1, user, password, null, since, List.of("rooms"), "hello"));
        c.welcome = c.await(ServerEvent.Welcome.class);
        return c;
    }

    /** The welcome {@link #loginRooms} received. */
    public ServerEvent.Welcome welcome() {
        return welcome;
    }

    /**
     * Sends {@code request} and returns the answer carrying its {@code ref} (an ack, an error, a
     * room.state, a list...); events that arrive before it are kept in {@link #skipped()}.
     */
    public ServerEvent request(ClientEvent request) throws IOException {
        send(request);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerEvent e = next();
            if (request.ref() != null && request.ref().equals(refOf(e))) {
                return e;
            }
            skipped.add(e);
        }
        throw new AssertionError("no answer to " + request + " within " + TIMEOUT);
    }

    /** Events {@link #request} skipped while waiting for answers. */
    public List<ServerEvent> skipped() {
        return skipped;
    }

    private static String refOf(ServerEvent e) {
        return switch (e) {
            case ServerEvent.Ack a -> a.ref();
            case ServerEvent.ErrorEvent x -> x.ref();
            case ServerEvent.RoomState r -> r.ref();
            case ServerEvent.RoomList r -> r.ref();
            case ServerEvent.HistoryPage h -> h.ref();
            case ServerEvent.Users u -> u.ref();
            case ServerEvent.UploadReady u -> u.ref();
            case ServerEvent.DownloadStart d -> d.ref();
            case ServerEvent.DownloadEnd d -> d.ref();
            case ServerEvent.Pong p -> p.ref();
            case ServerEvent.Welcome w -> w.ref();
            default -> null;
        };
    }

    /** Gives every event to {@code listener} on the reader thread instead of queueing it. */
    public void listen(Consumer<ServerEvent> listener) {
        this.listener = listener;
    }

    /** Gives every D frame to {@code listener} on the reader thread instead of keeping it. */
    public void onData(Consumer<Frame.Data> listener) {
        this.dataListener = listener;
    }

    private void readLoop() {
        FrameDecoder decoder = new FrameDecoder(64 * 1024 * 1024);
        try (InputStream in = new BufferedInputStream(socket.getInputStream(), 65536)) {
            Frame f;
            while ((f = decoder.read(in)) != null) {
                if (f instanceof Frame.Json j) {
                    ServerEvent e = CODEC.decodeServer(j.body());
                    Consumer<ServerEvent> l = listener;
                    if (l != null) {
                        l.accept(e);
                    } else {
                        received.add(e);
                    }
                } else {
                    Consumer<Frame.Data> dl = dataListener;
                    if (dl != null) {
                        dl.accept((Frame.Data) f);
                    }
                }
            }
        } catch (FrameException | RequestException e) {
            garbage = e;
        } catch (IOException e) {
            // the connection ended (a close, a reset, or our own close); tests look at what arrived before
        } catch (RuntimeException | Error e) {
            garbage = e;
        } finally {
            ended = true;
            received.add(EOF);
        }
    }

    public void send(ClientEvent event) throws IOException {
        sendRaw(CODEC.frame(event));
    }

    public void sendRaw(byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    public void sendJson(String json) throws IOException {
        sendRaw(FrameEncoder.json(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The next event, whatever it is; fails after the timeout. */
    public ServerEvent next() {
        try {
            ServerEvent e = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(e).as("an event within %s", TIMEOUT).isNotNull();
            if (e == EOF) {
                failIfGarbage();
            }
            assertThat(e).as("the connection is still open").isNotSameAs(EOF);
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** The next event, which must be of {@code type}. */
    public <T extends ServerEvent> T next(Class<T> type) {
        ServerEvent e = next();
        assertThat(e).isInstanceOf(type);
        return type.cast(e);
    }

    /**
     * The next event that is not presence, which must be of {@code type}. Presence is
     * published once committed, so a client that logs in just after another may or may not
     * see the other's {@code joined}: tests of message order skip presence.
     */
    public <T extends ServerEvent> T nextSkippingPresence(Class<T> type) {
        ServerEvent e;
        do {
            e = next();
        } while (e instanceof ServerEvent.Joined || e instanceof ServerEvent.Left);
        assertThat(e).isInstanceOf(type);
        return type.cast(e);
    }

    /** Pings and returns everything that arrived before the pong, in order. */
    public List<ServerEvent> drain() throws IOException {
        String ref = "drain-" + System.nanoTime();
        send(new io.tcpchat.protocol.ClientEvent.Ping(ref));
        List<ServerEvent> seen = new ArrayList<>();
        ServerEvent e;
        while (!((e = next()) instanceof ServerEvent.Pong p && ref.equals(p.ref()))) {
            seen.add(e);
        }
        return seen;
    }

    /** Skips events until one of {@code type} matching {@code test} arrives. */
    public <T extends ServerEvent> T await(Class<T> type, Predicate<T> test) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ServerEvent e = next();
            if (type.isInstance(e) && test.test(type.cast(e))) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no matching " + type.getSimpleName() + " within " + TIMEOUT);
    }

    public <T extends ServerEvent> T await(Class<T> type) {
        return await(type, e -> true);
    }

    public ServerEvent.ErrorEvent awaitError(String code) {
        ServerEvent.ErrorEvent e = await(ServerEvent.ErrorEvent.class);
        assertThat(e.code()).as("error %s", e).isEqualTo(code);
        return e;
    }

    /** Waits for the server to close the connection; returns what arrived before, in order. */
    public List<ServerEvent> awaitClosed() {
        List<ServerEvent> before = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ServerEvent e = received.poll(100, TimeUnit.MILLISECONDS);
                if (e == EOF) {
                    failIfGarbage();
                    return before;
                }
                if (e != null) {
                    before.add(e);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError("the server did not close the connection within " + TIMEOUT);
    }

    private void failIfGarbage() {
        Throwable g = garbage;
        if (g != null) {
            throw new AssertionError("the server sent something that is not CHAT/1 (or reading it failed): " + g, g);
        }
    }

    /** Why reading stopped if the stream did not simply end, else {@code null}. */
    public Throwable garbage() {
        return garbage;
    }

    public boolean ended() {
        return ended;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
