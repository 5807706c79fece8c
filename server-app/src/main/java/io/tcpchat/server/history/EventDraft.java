package io.tcpchat.server.history;

import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.protocol.ServerEvent;

import java.time.Instant;

/** An event about to be stored: everything but the {@code seq} and {@code ts} the store gives it. */
public sealed interface EventDraft {

    ServerEvent.Stored toStored(long seq, Instant ts);

    record Message(String from, String to, String text) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.ChatMessage(seq, ts, from, text, to);
        }
    }

    record Joined(String user) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.Joined(seq, ts, user);
        }
    }

    record Left(String user, LeaveReason reason) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.Left(seq, ts, user, reason.wire());
        }
    }

    record File(String from, String to, long file, String name, long size, String sha256) implements EventDraft {
        @Override
        public ServerEvent.Stored toStored(long seq, Instant ts) {
            return new ServerEvent.FileAvailable(seq, ts, from, file, name, size, sha256, to);
        }
    }
}
