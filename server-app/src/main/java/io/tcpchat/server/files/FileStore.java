package io.tcpchat.server.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
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

    /** Opens a stored file for reading; the caller closes the channel. */
    FileChannel open(long id) throws IOException;

    /** Bytes held by committed files. */
    long usedBytes();

    /** Deletes files stored before {@code cutoff}; returns those deleted. */
    List<StoredFile> deleteStoredBefore(Instant cutoff);

    /** A file being written. Not thread-safe: one writer. */
    interface PendingFile {

        void write(byte[] data) throws IOException;

        /** Flushes to disk and makes the file visible atomically under its id. */
        StoredFile commit(StoredFile metadata) throws IOException;

        /** Throws the bytes away; safe to call more than once, and after commit (no-op). */
        void discard();
    }
}
