package io.tcpchat.server;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's real Argon2id encoder, whose password checks a test can make slow: held
 * (blocked until released, as a long check looks to whoever waits for it) or spinning (busy
 * on the CPU until released, as Argon2 is). Both give up after {@link #SAFETY}, so a test
 * that fails never leaves a thread stuck. Put in place of the {@code passwordEncoder} bean.
 */
public final class SlowPasswordEncoder implements PasswordEncoder {

    public static final long SAFETY = TimeUnit.SECONDS.toNanos(30);

    private enum Mode { NORMAL, HOLD, SPIN }

    private final PasswordEncoder real = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final AtomicInteger slowed = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Mode mode = Mode.NORMAL;
    private volatile CountDownLatch release = new CountDownLatch(0);

    /** From now on, each check waits (blocked) until {@link #release}. */
    public void hold() {
        release = new CountDownLatch(1);
        mode = Mode.HOLD;
    }

    /** From now on, each check burns its thread's CPU until {@link #release}. */
    public void spin() {
        release = new CountDownLatch(1);
        mode = Mode.SPIN;
    }

    /** Lets every held or spinning check go on; later ones run at normal speed. */
    public void release() {
        mode = Mode.NORMAL;
        release.countDown();
    }

    /** Checks being held or spinning now. */
    public int slowed() {
        return slowed.get();
    }

    /** Checks that have returned. */
    public int finished() {
        return finished.get();
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return real.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        Mode m = mode;
        CountDownLatch latch = release;
        if (m != Mode.NORMAL) {
            slowed.incrementAndGet();
            try {
                if (m == Mode.HOLD) {
                    latch.await(SAFETY, TimeUnit.NANOSECONDS);
                } else {
                    long deadline = System.nanoTime() + SAFETY;
                    while (latch.getCount() > 0 && System.nanoTime() - deadline < 0) {
                        Thread.onSpinWait();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                slowed.decrementAndGet();
            }
        }
        try {
            return real.matches(rawPassword, encodedPassword);
        } finally {
            finished.incrementAndGet();
        }
    }
}
