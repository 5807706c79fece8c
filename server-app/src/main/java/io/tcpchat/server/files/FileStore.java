package io.tcpchat.server.files;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where file bytes live. Files are kept under the server's id, never under a name a
 * client chose. An upload is written aside and appears only when committed, whole.
 */
public interface FileStore {

    /** Starts writing a new file; nothing is visible until {@link PendingFile#commit}. */
    PendingFile create(long id) throws IOException;

    Optional<StoredFile> find(long id);

    /**
     * Opens a stored file for reading; the caller closes the channel. Readers position it
     * and read a chunk at a time, so no store ever needs a file whole in memory.
     */
    SeekableByteChannel open(long id) throws IOException;

    /** Bytes held by committed files. */
    long usedBytes();

    /** Deletes files stored before {@code cutoff}; returns those deleted. */
    List<StoredFile> deleteStoredBefore(Instant cutoff);

    /** A file being written. Not thread-safe: one writer. */
    interface PendingFile {

        void write(byte[] data) throws IOException;

        /** Makes the bytes durable and the file visible atomically under its id. */
        StoredFile commit(StoredFile metadata) throws IOException;

        /** Throws the bytes away; safe to call more than once, and after commit (no-op). */
        void discard();
    }
}
