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

    SessionCounter NONE = new SessionCounter() {
        @Override
        public void error(String code) {
        }

        @Override
        public void disconnected(LeaveReason reason) {
        }

        @Override
        public void sent(int bytes) {
        }

        @Override
        public void outboxDepth(long bytes) {
        }
    };
}
