package io.tcpchat.client.connection;

import io.tcpchat.protocol.ServerEvent;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Matches answers to the requests waiting for them: by the {@code ref} the request carried, or,
 * for an upload once its bytes flow, by the {@code file} an {@code error} or {@code ack} names.
 * The reader thread offers; the requesting threads wait. Thread-safe.
 */
public final class PendingRequests {

    private final Map<String, Pending> byRef = new ConcurrentHashMap<>();
    private final Map<Long, Pending> byFile = new ConcurrentHashMap<>();

    Pending open(String ref) {
        Pending pending = new Pending(ref);
        byRef.put(ref, pending);
        return pending;
    }

    /** Hands an answer to whoever waits for it; {@code false} when nobody does. */
    boolean offer(ServerEvent event) {
        String ref = switch (event) {
            case ServerEvent.Ack a -> a.ref();
            case ServerEvent.UploadReady u -> u.ref();
            case ServerEvent.Users u -> u.ref();
            case ServerEvent.HistoryPage h -> h.ref();
            case ServerEvent.Pong p -> p.ref();
            case ServerEvent.ErrorEvent e -> e.ref();
            case ServerEvent.RoomState r -> r.ref();
            case ServerEvent.RoomList r -> r.ref();
            default -> null;
        };
        Pending pending = ref == null ? null : byRef.get(ref);
        if (pending == null) {
            Long file = switch (event) {
                case ServerEvent.ErrorEvent e -> e.file();
                case ServerEvent.Ack a -> a.file();
                default -> null;
            };
            pending = file == null ? null : byFile.get(file);
        }
        if (pending == null) {
            return false;
        }
        pending.answers.add(event);
        return true;
    }

    /** The connection is gone: every waiting request gets {@code failure}. */
    void failAll(ChatException failure) {
        byRef.values().forEach(p -> p.answers.add(failure));
    }

    /**
     * The answers to one request, in order. Answers with the request's {@code ref} land here,
     * and, once {@link #watchFile} was called, errors and acks naming that file.
     */
    public final class Pending implements AutoCloseable {

        private final String ref;
        private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
        private Long file;

        private Pending(String ref) {
            this.ref = ref;
        }

        public String ref() {
            return ref;
        }

        /** Also take {@code error} and {@code ack} events that name this file without a ref. */
        public void watchFile(long fileId) {
            this.file = fileId;
            byFile.put(fileId, this);
        }

        /** The next answer; an {@code error} is thrown, as is a lost connection or a timeout. */
        public ServerEvent next(Duration timeout) throws ChatException {
            Object answer;
            try {
                answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChatException(ChatException.Kind.LOCAL, "Interrupted.");
            }
            return unwrap(answer, timeout);
        }

        /** An answer already here, or {@code null}; an {@code error} is thrown. */
        public ServerEvent poll() throws ChatException {
            Object answer = answers.poll();
            return answer == null ? null : unwrap(answer, Duration.ZERO);
        }

        private ServerEvent unwrap(Object answer, Duration waited) throws ChatException {
            return switch (answer) {
                case null -> throw new ChatException(ChatException.Kind.CONNECTION,
                        "No answer from the server within " + waited.toSeconds() + " s.");
                case ChatException failure -> throw failure;
                case ServerEvent.ErrorEvent error -> throw ChatException.refused(error);
                case ServerEvent event -> event;
                default -> throw new IllegalStateException("unexpected answer " + answer);
            };
        }

        @Override
        public void close() {
            byRef.remove(ref, this);
            if (file != null) {
                byFile.remove(file, this);
            }
        }
    }
}
