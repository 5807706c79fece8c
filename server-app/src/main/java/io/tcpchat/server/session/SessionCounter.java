package io.tcpchat.server.session;

import io.tcpchat.protocol.LeaveReason;

/** Told about connection-level facts; metrics implement it. */
public interface SessionCounter {

    /** An {@code error} was sent, with this wire code. */
    void error(String code);

    void disconnected(LeaveReason reason);

    /** Bytes written to a socket. */
    void sent(int bytes);

    /** Bytes that were queued when a writer took a batch: the depth of that outbox. */
    void outboxDepth(long bytes);
}
