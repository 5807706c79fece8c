package io.tcpchat.server.session;

/**
 * Frames produced on demand by a connection's own writer thread: a replay of history or a
 * file being downloaded. Nothing is read or encoded before the writer is ready for it,
 * so a source holds at most one frame in memory.
 */
public interface FrameSource {

    /** The next complete frame, or {@code null} when the source is done. May block on disk. */
    byte[] next() throws Exception;

    /** Called once when the source is done, abandoned or its connection closed. */
    default void close() {
    }
}
