package io.tcpchat.client.files;

import io.tcpchat.client.connection.ChatConnection;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.PendingRequests;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Uploads one file (docs/protocol.md, "Files"): {@code upload{name,size,sha256,to?}}, then after
 * {@code upload.ready{file,chunk}} the bytes as D frames of at most {@code chunk} bytes in
 * order, then the server's {@code ack{seq,file}} once it verified and stored them.
 */
public final class FileSender {

    /** How far an upload is; {@code phase} is {@code "checking"} while hashing, then {@code "sending"}. */
    @FunctionalInterface
    public interface Progress {
        void update(String phase, long done, long total);
    }

    public record Sent(long file, Long seq, String name, long size) {
    }

    /** Time allowed for the server to verify and store a file after its last byte. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(120);

    private FileSender() {
    }

    public static Sent send(ChatConnection connection, Path path, String to, Progress progress)
            throws ChatException {
        return send(connection, path, to, null, progress);
    }

    /** {@code room}: the room the file is for ({@code null}: {@code #lobby}, or {@code to}). */
    public static Sent send(ChatConnection connection, Path path, String to, String room, Progress progress)
            throws ChatException {
        if (!Files.isRegularFile(path)) {
            throw new ChatException(ChatException.Kind.LOCAL, Files.exists(path)
                    ? path + " is not a regular file." : "No such file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new ChatException(ChatException.Kind.LOCAL, "Cannot read " + path + " (permission denied).");
        }
        String name = path.getFileName().toString();
        long size;
        String sha256;
        try {
            size = Files.size(path);
            ServerEvent.Welcome welcome = connection.welcome();
            if (welcome != null && welcome.limits() != null && size > welcome.limits().maxFileSize()) {
                throw new ChatException(ChatException.Kind.USAGE, name + " is " + Sizes.format(size)
                        + "; the server accepts files up to " + Sizes.format(welcome.limits().maxFileSize()) + ".");
            }
            MessageDigest digest = Sha256.newDigest();
            Sha256.update(digest, path, size, done -> progress.update("checking", done, size));
            sha256 = Sha256.hex(digest);
        } catch (NoSuchFileException e) {
            throw new ChatException(ChatException.Kind.LOCAL, "No such file: " + path, e);
        } catch (IOException e) {
            throw new ChatException(ChatException.Kind.LOCAL, "Cannot read " + path + " (" + e.getMessage() + ").", e);
        }

        String recipient = to == null || to.isBlank() ? null : to;
        try (PendingRequests.Pending pending = connection.open(
                ref -> new ClientEvent.Upload(name, size, sha256, recipient, room, ref))) {
            ServerEvent answer = pending.next(connection.settings().requestTimeout());
            if (!(answer instanceof ServerEvent.UploadReady ready)) {
                throw new ChatException(ChatException.Kind.REFUSED, "The server answered the upload with "
                        + answer.getClass().getSimpleName() + ".");
            }
            pending.watchFile(ready.file());
            int chunk = chunkSize(connection, ready.chunk());
            try {
                ServerEvent done = stream(connection, pending, path, ready.file(), size, chunk, progress);
                while (!(done instanceof ServerEvent.Ack ack)) {
                    done = pending.next(STORE_TIMEOUT);
                }
                return new Sent(ready.file(), ack.seq(), name, size);
            } catch (ChatException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // Ctrl-C: the server drops what it has, nobody is told of a half file
                connection.send(ref -> new ClientEvent.Cancel(ready.file(), ref));
                throw new ChatException(ChatException.Kind.LOCAL, "Cancelled: " + name + " was not sent.");
            }
        }
    }

    /** Sends the bytes; returns the {@code ack} if it already came, else {@code null}. */
    private static ServerEvent stream(ChatConnection connection, PendingRequests.Pending pending, Path path, long file,
                               long size, int chunk, Progress progress) throws ChatException {
        byte[] buf = new byte[chunk];
        long offset = 0;
        progress.update("sending", 0, size);
        try (InputStream in = Files.newInputStream(path)) {
            while (offset < size) {
                int n = in.readNBytes(buf, 0, (int) Math.min(chunk, size - offset));
                if (n <= 0) {
                    throw new ChatException(ChatException.Kind.LOCAL, path + " got shorter while it was sent.");
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new ChatException(ChatException.Kind.LOCAL, "Interrupted.");
                }
                connection.sendData(file, offset, buf, 0, n);
                offset += n;
                progress.update("sending", offset, size);
                ServerEvent early = pending.poll(); // an error is thrown here and stops the upload at once
                if (early instanceof ServerEvent.Ack) {
                    return early;
                }
            }
            return null;
        } catch (IOException e) {
            throw new ChatException(ChatException.Kind.LOCAL, "Cannot read " + path + " (" + e.getMessage() + ").", e);
        }
    }

    /** The server's chunk, and never more than one frame can carry. */
    static int chunkSize(ChatConnection connection, int serverChunk) {
        int maxFrame = connection.welcome() != null && connection.welcome().limits() != null
                ? connection.welcome().limits().maxFrame() : io.tcpchat.protocol.ProtocolDefaults.MAX_FRAME;
        int frameRoom = maxFrame - 1 - Frame.DATA_HEADER_BYTES;
        return Math.max(1, Math.min(serverChunk, frameRoom));
    }
}
