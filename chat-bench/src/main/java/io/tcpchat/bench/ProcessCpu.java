package io.tcpchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of another process on this machine, from {@code /proc/PID/stat} (user + system,
 * all threads). The kernel counts it in clock ticks of 1/100 s (USER_HZ is 100 on Linux), so
 * a figure is only as good as a run is long: a few seconds gives two significant digits.
 */
final class ProcessCpu {

    private static final double TICK_SECONDS = 0.01;

    private ProcessCpu() {
    }

    static boolean readable(long pid) {
        return Files.isReadable(stat(pid));
    }

    /** CPU seconds the process has used so far, or -1 when it cannot be read. */
    static double seconds(long pid) {
        if (pid <= 0) {
            return -1;
        }
        try {
            return parse(Files.readString(stat(pid)));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * utime and stime are fields 14 and 15; the command name (field 2) is in parentheses and
     * may itself hold spaces or parentheses, so fields are counted after its last ')'.
     */
    static double parse(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state): utime is field 14 -> f[11], stime field 15 -> f[12]
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS;
    }

    private static Path stat(long pid) {
        return Path.of("/proc", Long.toString(pid), "stat");
    }
}
