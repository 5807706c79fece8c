package io.tcpchat.server.irc;

import io.tcpchat.protocol.ServerEvent;

/**
 * How a file shared by a CHAT/1 user is told to IRC users. The one place to change once the
 * server has a web listener and a file can be offered as an HTTP link.
 */
final class IrcFiles {

    private IrcFiles() {
    }

    static String describe(ServerEvent.FileAvailable f) {
        return "shares the file \"" + f.name() + "\" (" + size(f.size()) + ", sha256 " + f.sha256()
                + "): download with a CHAT/1 client: file id " + f.file();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
