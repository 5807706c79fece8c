package io.tcpchat.server.accounts;

import io.tcpchat.server.ChatProperties;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed logins per key (a name, an address): after {@code failures} in a row the key is
 * locked for {@code baseDelay}, doubling with each further failure up to {@code maxDelay}.
 * A success clears a name's key ({@link #succeeded}); an address's is not cleared by a
 * success, which may be for another name than the one being guessed, so its count starts
 * over only once it has had no failure for twice the longest delay. Entries idle that long
 * are dropped, so the map stays as small as the set of recent offenders.
 */
class LoginThrottle implements Throttle {

    private static final int MAX_ENTRIES = 100_000;

    private static final class Entry {
        int failures;
        long lockedUntil;
        long lastFailure;
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ChatProperties.Auth.Lockout settings;
    private final LongSupplier nanoTime;

    LoginThrottle(ChatProperties.Auth.Lockout settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
    }

    @Override
    public Duration lockedFor(String key) {
        Entry e = entries.get(key);
        if (e == null) {
            return Duration.ZERO;
        }
        synchronized (e) {
            long left = e.lockedUntil - nanoTime.getAsLong();
            return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
        }
    }

    @Override
    public boolean failed(String key) {
        if (settings.failures() <= 0 || settings.baseDelay().isZero() || settings.maxDelay().isZero()) {
            return false; // lockouts are off
        }
        long now = nanoTime.getAsLong();
        if (entries.size() > MAX_ENTRIES) {
            prune(now);
        }
        Entry e = entries.computeIfAbsent(key, k -> new Entry());
        synchronized (e) {
            if (e.failures > 0 && now - e.lastFailure > idleNanos()) {
                e.failures = 0; // an old streak is forgiven
            }
            e.failures++;
            e.lastFailure = now;
            int over = e.failures - settings.failures();
            if (over >= 0) {
                long delay = settings.baseDelay().toNanos() << Math.min(over, 30);
                delay = Math.min(delay <= 0 ? Long.MAX_VALUE : delay, settings.maxDelay().toNanos()); // <= 0: overflow
                e.lockedUntil = now + delay;
                return true;
            }
            return false;
        }
    }

    @Override
    public void succeeded(String key) {
        entries.remove(key);
    }

    private void prune(long now) {
        long idle = idleNanos();
        entries.entrySet().removeIf(x -> now - x.getValue().lastFailure > idle);
    }

    private long idleNanos() {
        return settings.maxDelay().toNanos() * 2;
    }
}
