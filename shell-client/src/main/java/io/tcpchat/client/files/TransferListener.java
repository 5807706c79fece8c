package io.tcpchat.client.files;

import java.nio.file.Path;

/** What the user is told about downloads. Called on the connection's reader thread. */
public interface TransferListener {

    void started(Download download, boolean resumed);

    /** Bytes arrived; called often, throttle before drawing. */
    default void progress(Download download) {
    }

    void saved(Download download, Path file);

    void failed(Download download, String why);
}
