package io.tcpchat.bench;

import io.tcpchat.protocol.EventCodec;

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

/**
 * Opens and logs in many connections at once, a bounded number at a time so the server's
 * accept backlog is not flooded, each from its own loopback source address
 * ({@link BenchSettings#sourceAddress}).
 */
final class Logins {

    /** Logins in flight at once. */
    static final int PARALLELISM = 32;

    private Logins() {
    }

    /**
     * Connections {@code first .. first + count - 1}, logged in as {@code user(i)}, in index
     * order. On any failure every connection opened so far is closed and the first failure
     * is thrown.
     *
     * @param loggedIn counts the logins done, for progress lines
     */
    static List<BenchConnection> openAll(BenchSettings settings, int first, int count,
                                         BenchConnection.Buffers buffers, EventCodec codec, Deadline deadline,
                                         LongAdder loggedIn) throws IOException {
        return openAll(settings, first, count, buffers, codec, deadline, loggedIn, null);
    }

    /** As above, each {@code hello} asking for {@code features} ({@code null}: none). */
    static List<BenchConnection> openAll(BenchSettings settings, int first, int count,
                                         BenchConnection.Buffers buffers, EventCodec codec, Deadline deadline,
                                         LongAdder loggedIn, List<String> features) throws IOException {
        List<Future<BenchConnection>> futures = new ArrayList<>(count);
        Semaphore permits = new Semaphore(PARALLELISM);
        IOException failure = null;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = first; i < first + count; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        return open(settings, index, buffers, codec, deadline, loggedIn, features);
                    } finally {
                        permits.release();
                    }
                }));
            }
            for (Future<BenchConnection> future : futures) {
                try {
                    future.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                } catch (TimeoutException e) {
                    failure = new IOException("logins not done within the timeout");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new InterruptedIOException("interrupted while logging in");
                }
                if (failure != null) {
                    // interrupting a virtual thread blocked on a socket closes that socket
                    executor.shutdownNow();
                    break;
                }
            }
        }
        List<BenchConnection> opened = new ArrayList<>(count);
        for (Future<BenchConnection> future : futures) {
            if (future.state() == Future.State.SUCCESS) {
                opened.add(future.resultNow());
            }
        }
        if (failure != null) {
            closeAll(opened);
            throw failure;
        }
        return opened;
    }

    private static BenchConnection open(BenchSettings settings, int index, BenchConnection.Buffers buffers,
                                        EventCodec codec, Deadline deadline, LongAdder loggedIn,
                                        List<String> features) throws IOException {
        BenchConnection connection = BenchConnection.connect(settings.server(index), settings.sourceAddress(index),
                settings.user(index), buffers, codec);
        try {
            connection.login(Math.max(1, deadline.remainingMillis()), features);
            loggedIn.increment();
            return connection;
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    static void closeAll(List<BenchConnection> connections) {
        connections.forEach(BenchConnection::close);
    }
}
