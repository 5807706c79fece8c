package io.tcpchat.protocol;

import java.io.IOException;

/**
 * A framing error ({@code bad_frame}): the stream can no longer be trusted and the
 * connection must be closed after telling the peer.
 */
public final class FrameException extends IOException {

    public FrameException(String message) {
        super(message);
    }

    public FrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
