package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until the server lists every bench user as online, so that no one misses a message
 * sent to "everyone else online" for having logged in a moment too late. Asks with
 * {@code who}; the answer reaches the connection's reader thread, which hands it to
 * {@link #offer}.
 */
final class OnlineCheck {

    static final String REF = "bench-online";
    private static final Duration RETRY = Duration.ofMillis(250);

    private final Set<String> expected = new HashSet<>();
    private volatile CompletableFuture<Set<String>> pending = new CompletableFuture<>();
    private volatile IOException failure;

    OnlineCheck(Collection<String> users) {
        users.forEach(u -> expected.add(u.toLowerCase(Locale.ROOT)));
    }

    /** For the reader thread: takes the answer to our {@code who}; whether it was one. */
    boolean offer(ServerEvent event) {
        if (event instanceof ServerEvent.Users users && REF.equals(users.ref())) {
            Set<String> online = new HashSet<>();
            if (users.users() != null) {
                users.users().forEach(u -> online.add(u.toLowerCase(Locale.ROOT)));
            }
            pending.complete(online);
            return true;
        }
        return false;
    }

    /** For the reader thread: its connection ended, so no answer will come. */
    void fail(IOException cause) {
        failure = cause;
        pending.completeExceptionally(cause);
    }

    /** Asks through {@code connection} until all are online; fails at the deadline. */
    void await(BenchConnection connection, Deadline deadline) throws IOException {
        Set<String> missing = new TreeSet<>(expected);
        while (!deadline.passed()) {
            CompletableFuture<Set<String>> answer = new CompletableFuture<>();
            pending = answer;
            if (failure != null) {
                throw failure;
            }
            connection.send(new ClientEvent.Who(REF));
            try {
                Set<String> online = answer.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
                missing = expectedMissing(online);
                if (missing.isEmpty()) {
                    return;
                }
            } catch (TimeoutException e) {
                break;
            } catch (ExecutionException e) {
                throw new IOException("who failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
            LockSupport.parkNanos(Math.min(RETRY.toNanos(), Math.max(0, deadline.remainingNanos())));
        }
        throw new IOException(missing.size() + " bench users not listed online by the server, e.g. "
                + missing.stream().limit(3).toList());
    }

    private Set<String> expectedMissing(Set<String> online) {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(online);
        return missing;
    }
}
