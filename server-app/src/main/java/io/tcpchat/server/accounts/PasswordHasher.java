package io.tcpchat.server.accounts;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

/**
 * Argon2id hashing with a bound on how many hashes run at once (each takes tens of
 * megabytes and milliseconds of CPU), so a flood of logins cannot exhaust memory.
 * An unknown name is checked against a dummy hash, so it costs what a wrong password costs.
 */
class PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final Semaphore permits;
    private final String dummyHash;

    PasswordHasher(int maxConcurrent) {
        this.permits = new Semaphore(Math.max(1, maxConcurrent), true);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    String hash(String password) {
        permits.acquireUninterruptibly();
        try {
            return encoder.encode(password);
        } finally {
            permits.release();
        }
    }

    boolean matches(String password, String hash) {
        permits.acquireUninterruptibly();
        try {
            return encoder.matches(password, hash);
        } finally {
            permits.release();
        }
    }

    /** Spends the time of a real check and says no. */
    boolean matchesNothing(String password) {
        matches(password == null ? "" : password, dummyHash);
        return false;
    }
}
