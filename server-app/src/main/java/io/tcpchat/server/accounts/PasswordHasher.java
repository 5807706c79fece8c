package io.tcpchat.server.accounts;

import org.springframework.security.crypto.password.PasswordEncoder;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Argon2id hashing on a small pool of platform threads ({@code password-hash-N}), so that
 * at most that many hashes run at once (each takes tens of megabytes and milliseconds of
 * CPU) and a flood of logins cannot exhaust memory.
 *
 * <p>Callers are the connections' virtual reader threads. A virtual thread computing a hash
 * would hold its carrier for the whole computation, and a burst of logins would hold every
 * carrier, stalling all reads and writes; waiting for the pool's result instead unmounts it.
 * An unknown name is checked against a dummy hash, so it costs what a wrong password costs.
 */
class PasswordHasher implements AutoCloseable {

    private final PasswordEncoder encoder;
    private final ExecutorService pool;
    private final String dummyHash;

    /** {@code threads}: hashes computed at once; 0 or less: one per processor. */
    PasswordHasher(PasswordEncoder encoder, int threads) {
        this.encoder = encoder;
        this.pool = Executors.newFixedThreadPool(threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("password-hash-", 1).daemon().factory());
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    String hash(String password) {
        return onPool(() -> encoder.encode(password));
    }

    boolean matches(String password, String hash) {
        return onPool(() -> encoder.matches(password, hash));
    }

    /** Spends the time of a real check and says no. */
    boolean matchesNothing(String password) {
        matches(password == null ? "" : password, dummyHash);
        return false;
    }

    /** Runs {@code work} on the pool and waits for it, uninterruptibly as the semaphore it replaced. */
    private <T> T onPool(Callable<T> work) {
        Future<T> result = pool.submit(work);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case RuntimeException r -> throw r;
                        case Error err -> throw err;
                        default -> throw new IllegalStateException(e.getCause());
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
