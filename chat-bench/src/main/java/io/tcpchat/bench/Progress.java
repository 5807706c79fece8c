package io.tcpchat.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints one progress line a second to stderr while a run goes on, e.g.
 * {@code [fanout 3s] sent 3000/10000 delivered 27000/90000}. Closing it stops the lines.
 */
final class Progress implements AutoCloseable {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    Progress(String scenario, PrintStream err, boolean enabled, Supplier<String> line) {
        long start = System.nanoTime();
        // a platform thread: busy virtual threads must not be able to starve the progress line
        this.thread = enabled ? Thread.ofPlatform().daemon().name("progress").start(() -> {
            try {
                while (!stopped.await(1, TimeUnit.SECONDS)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    err.println(String.format(Locale.ROOT, "[%s %.0fs] %s", scenario, seconds, line.get()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }) : null;
    }

    @Override
    public void close() {
        stopped.countDown();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
