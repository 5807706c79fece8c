package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * One blocking CHAT/1 connection: a socket bound to a loopback source address, with
 * TCP_NODELAY, buffered streams and the chat-protocol codec.
 *
 * <p>Threads: one thread reads (frames come in order to it alone); writes are synchronized,
 * so a sender thread and the reader (answering a {@code ping}) may both write. Closing from
 * any thread unblocks the reader, which then sees an {@link IOException}.
 */
final class BenchConnection implements Closeable {

    /** Buffer sizes: large for busy connections, small for thousands of idle ones. */
    record Buffers(int in, int out) {
        static final Buffers BUSY = new Buffers(64 * 1024, 64 * 1024);
        static final Buffers IDLE = new Buffers(2 * 1024, 512);
    }

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EventCodec codec;
    private final String user;
    private volatile FrameDecoder decoder = new FrameDecoder(ProtocolDefaults.MAX_FRAME);
    private volatile ServerEvent.Welcome welcome;

    private BenchConnection(Socket socket, Buffers buffers, EventCodec codec, String user) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), buffers.in());
        this.out = new BufferedOutputStream(socket.getOutputStream(), buffers.out());
        this.codec = codec;
        this.user = user;
    }

    /** Connects from {@code source} (or any local address when {@code null}); no login yet. */
    static BenchConnection connect(InetSocketAddress server, InetAddress source, String user, Buffers buffers,
                                   EventCodec codec) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(server, CONNECT_TIMEOUT_MS);
            return new BenchConnection(socket, buffers, codec, user);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + server + " from " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends {@code hello} and reads until {@code welcome}, answering a {@code ping} and
     * skipping anything else. An {@code error} or a {@code bye} instead fails the login, and
     * so does silence for {@code timeoutMillis}.
     */
    ServerEvent.Welcome login(long timeoutMillis) throws IOException {
        return login(timeoutMillis, null);
    }

    /** As {@link #login(long)}, asking for {@code features} (e.g. {@code ["rooms"]}) in {@code hello}. */
    ServerEvent.Welcome login(long timeoutMillis, List<String> features) throws IOException {
        socket.setSoTimeout((int) Math.clamp(timeoutMillis, 1, Integer.MAX_VALUE));
        try {
            return awaitWelcome(features);
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException(user + ": no welcome within " + timeoutMillis + " ms", e);
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(0);
            }
        }
    }

    private ServerEvent.Welcome awaitWelcome(List<String> features) throws IOException {
        send(features == null ? new ClientEvent.Hello(user)
                : new ClientEvent.Hello(ProtocolDefaults.VERSION, user, null, null, null, features, null));
        while (true) {
            ServerEvent event = readEvent();
            switch (event) {
                case null -> throw new IOException(user + ": connection closed before welcome");
                case ServerEvent.Welcome w -> {
                    welcome = w;
                    if (w.limits() != null && w.limits().maxFrame() != decoder.maxFrame()) {
                        decoder = new FrameDecoder(w.limits().maxFrame());
                    }
                    return w;
                }
                case ServerEvent.ErrorEvent e -> throw new IOException(user + ": login refused: " + e.code() + " "
                        + e.message());
                case ServerEvent.Bye b -> throw new IOException(user + ": login refused: bye " + b.reason());
                case ServerEvent.Ping p -> send(new ClientEvent.Pong(p.ref()));
                default -> {
                }
            }
        }
    }

    String user() {
        return user;
    }

    ServerEvent.Welcome welcome() {
        return welcome;
    }

    EventCodec codec() {
        return codec;
    }

    /** The next frame, or {@code null} at a clean end of stream. Reader thread only. */
    Frame read() throws IOException {
        return decoder.read(in);
    }

    /**
     * The next J frame as an event, or {@code null} at the end of the stream. An event of a
     * type this version does not know is skipped, as docs/protocol.md asks of clients.
     *
     * @throws FrameException on a D frame or an undecodable J frame
     */
    ServerEvent readEvent() throws IOException {
        while (true) {
            Frame frame = read();
            switch (frame) {
                case null -> {
                    return null;
                }
                case Frame.Json json -> {
                    ServerEvent event = decode(json);
                    if (event != null) {
                        return event;
                    }
                }
                case Frame.Data data -> throw new FrameException("unexpected D frame for file " + data.file());
            }
        }
    }

    /** The event in a J frame, or {@code null} when its type is unknown to this version. */
    ServerEvent decode(Frame.Json json) throws FrameException {
        try {
            return codec.decodeServer(json.body());
        } catch (RequestException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("unknown type")) {
                return null;
            }
            throw new FrameException("undecodable event from the server: " + e.getMessage(), e);
        }
    }

    /** Writes one complete frame and flushes it. */
    synchronized void send(ClientEvent event) throws IOException {
        out.write(codec.frame(event));
        out.flush();
    }

    /** Writes bytes (one or more complete frames, or parts of one) without flushing. */
    synchronized void write(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
    }

    synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    synchronized void flush() throws IOException {
        out.flush();
    }

    boolean isClosed() {
        return socket.isClosed();
    }

    /**
     * Sends {@code bye} if it still can; the server answers with a clean close, which the
     * reader sees as the end of the stream. Never throws.
     */
    void sendBye() {
        try {
            send(new ClientEvent.Bye(null));
        } catch (IOException | RuntimeException ignored) {
            // the connection is gone already
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }

    @Override
    public String toString() {
        return user + "@" + socket.getLocalSocketAddress();
    }
}
