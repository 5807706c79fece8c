package io.tcpchat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident set size of a process, from Linux's {@code /proc/PID/status}. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** {@code VmRSS} of process {@code pid} in KiB. */
    static long vmRssKib(long pid) throws IOException {
        return vmRssKib(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
    }

    /** {@code VmRSS} in KiB from the text of a status file, e.g. {@code "VmRSS:\t  123456 kB"}. */
    static long vmRssKib(String status) throws IOException {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    try {
                        return Long.parseLong(parts[0]);
                    } catch (NumberFormatException e) {
                        break;
                    }
                }
                break;
            }
        }
        throw new IOException("no VmRSS line in kB in the status file");
    }
}
