package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helpers for files: deterministic content, streamed uploads, checked downloads. */
final class Files {

    private Files() {
    }

    /** {@code size} pseudo-random bytes from {@code seed}, produced piece by piece. */
    record Content(long seed, long size) {

        void forEachChunk(int chunk, ChunkConsumer consumer) throws Exception {
            SplittableRandom random = new SplittableRandom(seed);
            long offset = 0;
            while (offset < size) {
                byte[] piece = new byte[(int) Math.min(chunk, size - offset)];
                random.nextBytes(piece);
                consumer.accept(offset, piece);
                offset += piece.length;
            }
        }

        String sha256() throws Exception {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            forEachChunk(65536, (off, piece) -> md.update(piece));
            return HexFormat.of().formatHex(md.digest());
        }

        /** SHA-256 of the bytes from {@code from} to the end. */
        String sha256From(long from) throws Exception {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            forEachChunk(65536, (off, piece) -> {
                long start = Math.max(from, off);
                if (start < off + piece.length) {
                    md.update(piece, (int) (start - off), (int) (off + piece.length - start));
                }
            });
            return HexFormat.of().formatHex(md.digest());
        }
    }

    @FunctionalInterface
    interface ChunkConsumer {
        void accept(long offset, byte[] piece) throws Exception;
    }

    /** Announces and sends the whole file; returns the ack. */
    static ServerEvent.Ack upload(TestClient c, String name, Content content, String to) throws Exception {
        ServerEvent.UploadReady ready = announce(c, name, content, to);
        sendBytes(c, ready, content);
        ServerEvent.Ack ack = c.await(ServerEvent.Ack.class, a -> a.file() != null && a.file() == ready.file());
        assertThat(ack.seq()).isNotNull();
        return ack;
    }

    static ServerEvent.UploadReady announce(TestClient c, String name, Content content, String to) throws Exception {
        c.send(new ClientEvent.Upload(name, content.size(), content.sha256(), to, "up-" + name));
        return c.await(ServerEvent.UploadReady.class);
    }

    static void sendBytes(TestClient c, ServerEvent.UploadReady ready, Content content) throws Exception {
        content.forEachChunk(ready.chunk(),
                (offset, piece) -> c.sendRaw(FrameEncoder.data(ready.file(), offset, piece, 0, piece.length)));
    }

    /**
     * Follows one download on a client: hashes D frames as they arrive and checks their
     * offsets are contiguous. An optional gate makes the reader take one permit per frame.
     */
    static final class Download {
        final long file;
        final MessageDigest md;
        final AtomicLong bytes = new AtomicLong();
        final TestClient client;
        volatile long expectedOffset;
        volatile boolean contiguous = true;
        final Semaphore gate;

        Download(TestClient c, long file, long offset, Semaphore gate) throws Exception {
            this.file = file;
            this.md = MessageDigest.getInstance("SHA-256");
            this.expectedOffset = offset;
            this.gate = gate;
            this.client = c;
            c.onData(this::onData);
        }

        /** Asks for the file and checks the download.start that answers. */
        static Download start(TestClient c, long file, long offset, Semaphore gate) throws Exception {
            Download d = new Download(c, file, offset, gate);
            c.send(new ClientEvent.Download(file, offset, "dl"));
            ServerEvent.DownloadStart start = c.await(ServerEvent.DownloadStart.class);
            assertThat(start.file()).isEqualTo(file);
            assertThat(start.offset()).isEqualTo(offset);
            return d;
        }

        private void onData(Frame.Data d) {
            if (gate != null) {
                gate.acquireUninterruptibly();
            }
            if (d.file() != file || d.offset() != expectedOffset) {
                contiguous = false;
            }
            md.update(d.data());
            expectedOffset += d.data().length;
            bytes.addAndGet(d.data().length);
        }

        /** Waits for download.end (which follows the last D frame on the same socket). */
        String awaitSha256() {
            client.await(ServerEvent.DownloadEnd.class, e -> e.file() == file);
            assertThat(contiguous).as("D frames contiguous").isTrue();
            return HexFormat.of().formatHex(md.digest());
        }
    }
}
