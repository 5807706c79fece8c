package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Just enough of a CHAT/1 server to drive the files scenario: hello, who, upload with D
 * frames in small chunks, the {@code file} announcement, download and bye. Files are kept in
 * memory, so only small ones. It can be told to flip one byte of every download, to check
 * that the bench notices.
 */
final class FakeFileServer implements AutoCloseable {

    static final int CHUNK = 64 * 1024;

    private final ServerSocket listener;
    private final EventCodec codec = new EventCodec();
    private final Map<String, Peer> online = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> stored = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final boolean corruptDownloads;

    FakeFileServer(boolean corruptDownloads) throws IOException {
        this.corruptDownloads = corruptDownloads;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("fake-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        try {
            while (true) {
                Socket socket = listener.accept();
                Thread.ofVirtual().name("fake-peer").start(() -> new Peer(socket).run());
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        online.values().forEach(p -> p.close());
    }

    private final class Peer {

        private final Socket socket;
        private OutputStream out;
        private String user;
        private long uploadId = -1;
        private String uploadSha;
        private long uploadSize;
        private String uploadName;
        private ByteArrayOutputStream upload;

        Peer(Socket socket) {
            this.socket = socket;
        }

        void run() {
            try (socket) {
                out = new BufferedOutputStream(socket.getOutputStream());
                BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
                FrameDecoder decoder = new FrameDecoder(1024 * 1024);
                Frame frame;
                while ((frame = decoder.read(in)) != null) {
                    switch (frame) {
                        case Frame.Json json -> {
                            if (!onEvent(codec.decodeClient(json.body()))) {
                                return;
                            }
                        }
                        case Frame.Data data -> onData(data);
                    }
                }
            } catch (Exception e) {
                // the peer went away
            } finally {
                if (user != null) {
                    online.remove(user);
                }
            }
        }

        private boolean onEvent(ClientEvent event) throws Exception {
            switch (event) {
                case ClientEvent.Hello h -> {
                    user = h.user();
                    online.put(user, this);
                    send(new ServerEvent.Welcome(1, user, "s", "fake",
                            new ServerEvent.Limits(1024 * 1024, 4000, 1L << 30, CHUNK)));
                }
                case ClientEvent.Who w -> send(new ServerEvent.Users(List.copyOf(online.keySet()), w.ref()));
                case ClientEvent.Upload u -> {
                    uploadId = ids.incrementAndGet();
                    uploadSha = u.sha256();
                    uploadSize = u.size();
                    uploadName = u.name();
                    upload = new ByteArrayOutputStream();
                    send(new ServerEvent.UploadReady(u.ref(), uploadId, CHUNK));
                    if (uploadSize == 0) {
                        complete();
                    }
                }
                case ClientEvent.Download d -> download(d);
                case ClientEvent.Ping p -> send(new ServerEvent.Pong(p.ref()));
                case ClientEvent.Bye b -> {
                    return false;
                }
                default -> {
                }
            }
            return true;
        }

        private void onData(Frame.Data data) throws Exception {
            if (data.file() != uploadId || data.offset() != upload.size() || data.data().length > CHUNK) {
                send(new ServerEvent.ErrorEvent("bad_request", "out of order", null, data.file()));
                return;
            }
            upload.write(data.data());
            if (upload.size() == uploadSize) {
                complete();
            }
        }

        private void complete() throws Exception {
            byte[] bytes = upload.toByteArray();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha.equals(uploadSha)) {
                send(new ServerEvent.ErrorEvent("checksum_mismatch", "digest", null, uploadId));
                return;
            }
            stored.put(uploadId, bytes);
            long seq = ids.incrementAndGet();
            send(new ServerEvent.Ack(null, seq, uploadId));
            ServerEvent.FileAvailable announcement = new ServerEvent.FileAvailable(seq, Instant.now(), user, uploadId,
                    uploadName, uploadSize, uploadSha, null);
            for (Peer peer : online.values()) {
                if (peer != this) {
                    peer.send(announcement);
                }
            }
        }

        private void download(ClientEvent.Download d) throws IOException {
            byte[] bytes = stored.get(d.file()).clone();
            if (corruptDownloads && bytes.length > 0) {
                bytes[bytes.length / 2] ^= 1;
            }
            synchronized (this) {
                out.write(codec.frame(new ServerEvent.DownloadStart(d.file(), "f", bytes.length,
                        HexFormat.of().formatHex(sha(stored.get(d.file()))), 0, d.ref())));
                for (int at = 0; at < bytes.length; at += CHUNK) {
                    out.write(FrameEncoder.data(d.file(), at, bytes, at, Math.min(CHUNK, bytes.length - at)));
                }
                out.write(codec.frame(new ServerEvent.DownloadEnd(d.file(), d.ref())));
                out.flush();
            }
        }

        private static byte[] sha(byte[] bytes) {
            return RandomContent.newSha256().digest(bytes);
        }

        synchronized void send(ServerEvent event) throws IOException {
            out.write(codec.frame(event));
            out.flush();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
