package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Joins logged-in, rooms-aware connections to their rooms before any reader thread runs:
 * each sends {@code join} and reads until the {@code room.state} that answers it, so once
 * this returns every member is in its room and will get every message sent after.
 */
final class RoomJoins {

    private static final String REF = "bench-join";

    private RoomJoins() {
    }

    /**
     * Joins connection {@code i} to {@code roomOf.apply(i)}, {@link Logins#PARALLELISM} at a
     * time. The first failure is thrown, with advice when the server refused to create the room.
     *
     * @param joined counts the joins done, for progress lines
     */
    static void joinAll(List<BenchConnection> connections, IntFunction<String> roomOf, Deadline deadline,
                        LongAdder joined) throws IOException {
        Semaphore permits = new Semaphore(Logins.PARALLELISM);
        List<Future<?>> futures = new ArrayList<>(connections.size());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections.size(); i++) {
                BenchConnection connection = connections.get(i);
                String room = roomOf.apply(i);
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        join(connection, room);
                        joined.increment();
                        return null;
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (TimeoutException e) {
                    // interrupting a virtual thread blocked on a socket closes that socket
                    executor.shutdownNow();
                    throw new IOException("joins not done within the timeout");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    executor.shutdownNow();
                    throw new InterruptedIOException("interrupted while joining rooms");
                }
            }
        }
    }

    /** Sends {@code join} and waits for its answer, answering pings and skipping the rest. */
    static void join(BenchConnection connection, String room) throws IOException {
        connection.send(new ClientEvent.Join(room, REF));
        while (true) {
            ServerEvent event = connection.readEvent();
            switch (event) {
                case null -> throw new IOException(connection.user() + ": connection closed while joining " + room);
                case ServerEvent.RoomState s when REF.equals(s.ref()) -> {
                    return;
                }
                case ServerEvent.ErrorEvent e when REF.equals(e.ref()) -> throw refused(connection.user(), room, e);
                case ServerEvent.Ping p -> connection.send(new ClientEvent.Pong(p.ref()));
                default -> {
                    // others joining, presence: nothing to do with this join
                }
            }
        }
    }

    static IOException refused(String user, String room, ServerEvent.ErrorEvent e) {
        String advice = "";
        if (ErrorCode.FORBIDDEN.wire().equals(e.code())) {
            advice = " (the server lets only registered users create rooms by default: start it with "
                    + "--chat.rooms.create=everyone for a benchmark)";
        } else if (ErrorCode.BAD_REQUEST.wire().equals(e.code())) {
            advice = " (does this server have the rooms extension?)";
        }
        return new IOException(user + ": join " + room + " refused: " + e.code() + " " + e.message() + advice);
    }
}
