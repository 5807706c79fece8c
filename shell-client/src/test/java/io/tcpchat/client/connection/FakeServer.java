package io.tcpchat.client.connection;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted CHAT/1 server for tests of the client's connection: each accepted socket becomes
 * a {@link Peer} the test reads client frames from and writes server events to.
 */
public final class FakeServer implements AutoCloseable {

    private final ServerSocket server = new ServerSocket(0);
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();
    private final java.util.List<Peer> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public FakeServer() throws IOException {
        acceptor = new Thread(() -> {
            try {
                while (true) {
                    Peer peer = new Peer(server.accept());
                    all.add(peer);
                    accepted.add(peer);
                }
            } catch (IOException closed) {
                // server closed
            }
        }, "fake-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next client connection, waiting up to 10 s. */
    public Peer accept() throws InterruptedException {
        Peer peer = accepted.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no client connected within 10 s");
        }
        return peer;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Peer peer : all) {
            peer.close();
        }
    }

    public static final class Peer implements AutoCloseable {
        private final EventCodec codec = new EventCodec();
        private final FrameDecoder decoder = new FrameDecoder(16 * 1024 * 1024);
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(10_000);
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The next frame from the client, or {@code null} at its end of stream. */
        public Frame frame() throws IOException {
            return decoder.read(in);
        }

        /** The next J event from the client, skipping pings when the test is not after them. */
        public <T extends ClientEvent> T expect(Class<T> type) throws Exception {
            while (true) {
                Frame frame = frame();
                if (frame == null) {
                    throw new AssertionError("client closed while " + type.getSimpleName() + " was expected");
                }
                if (frame instanceof Frame.Json json) {
                    ClientEvent event = codec.decodeClient(json.body());
                    if (type.isInstance(event)) {
                        return type.cast(event);
                    }
                    if (!(event instanceof ClientEvent.Ping) && !(event instanceof ClientEvent.Pong)) {
                        throw new AssertionError("expected " + type.getSimpleName() + " but got " + event);
                    }
                }
            }
        }

        public Frame.Data expectData() throws Exception {
            while (true) {
                Frame frame = frame();
                if (frame instanceof Frame.Data data) {
                    return data;
                }
                if (frame == null) {
                    throw new AssertionError("client closed while data was expected");
                }
            }
        }

        public ClientEvent.Hello welcome(String user) throws Exception {
            ClientEvent.Hello hello = expect(ClientEvent.Hello.class);
            send(new ServerEvent.Welcome(1, user, "s1", "fake",
                    new ServerEvent.Limits(1024 * 1024, 4000, 1L << 30, 256 * 1024)));
            return hello;
        }

        /** A {@code welcome} of a server with rooms: the user is in {@code rooms} ({@code #lobby} first). */
        public ClientEvent.Hello welcomeWithRooms(String user, String... rooms) throws Exception {
            ClientEvent.Hello hello = expect(ClientEvent.Hello.class);
            send(new ServerEvent.Welcome(1, user, "s1", "fake",
                    new ServerEvent.Limits(1024 * 1024, 4000, 1L << 30, 256 * 1024, 50, 1000, 300),
                    java.util.List.of("rooms"), java.util.List.of(rooms), null, null));
            return hello;
        }

        public void send(ServerEvent event) throws IOException {
            synchronized (out) {
                out.write(codec.frame(event));
                out.flush();
            }
        }

        public void sendData(long file, long offset, byte[] data) throws IOException {
            synchronized (out) {
                out.write(FrameEncoder.data(file, offset, data, 0, data.length));
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
