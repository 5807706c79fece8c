package io.tcpchat.client.files;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/**
 * One file coming in. Its bytes go to a partial file ({@code name.<id>.part}) in the downloads
 * folder, hashed as they arrive, so a resumed download only asks for what is missing. Mutated
 * only under the {@link Downloads} lock.
 */
public final class Download {

    private final long file;
    private final Path partial;
    private final boolean automatic;
    private final CompletableFuture<Path> result = new CompletableFuture<>();
    private final long startedAt = System.nanoTime();
    String name;
    long size;
    String sha256;
    String from;
    long received;
    long resumedFrom;
    MessageDigest digest;
    FileChannel channel;
    /** {@code download.start} arrived for the current request. */
    boolean streaming;

    Download(long file, String name, long size, String sha256, String from, Path partial, boolean automatic) {
        this.file = file;
        this.name = name;
        this.size = size;
        this.sha256 = sha256;
        this.from = from;
        this.partial = partial;
        this.automatic = automatic;
    }

    public long file() {
        return file;
    }

    public String name() {
        return name;
    }

    /** Bytes expected in all, or -1 while unknown. */
    public long size() {
        return size;
    }

    public long received() {
        return received;
    }

    /** Bytes that were already there when the download resumed. */
    public long resumedFrom() {
        return resumedFrom;
    }

    public String from() {
        return from;
    }

    public boolean automatic() {
        return automatic;
    }

    public long startedAtNanos() {
        return startedAt;
    }

    Path partial() {
        return partial;
    }

    /** Completes with the saved file, or fails with a {@link io.tcpchat.client.connection.ChatException}. */
    public CompletableFuture<Path> result() {
        return result;
    }
}
