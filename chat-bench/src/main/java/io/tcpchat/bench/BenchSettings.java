package io.tcpchat.bench;

import io.tcpchat.protocol.ProtocolDefaults;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The options every scenario shares: where the servers are, how users are named, how
 * connections are spread over servers and loopback source addresses, how long a run may
 * take, and how the result is printed.
 *
 * @param servers              the servers' addresses (one, or the replicas of a cluster); always
 *                             loopback addresses. Connection {@code i} goes to server {@code i mod n}
 * @param userPrefix           user {@code i} logs in as {@code userPrefix + i}
 * @param connectionsPerSource connections bound to each source address 127.0.0.1, .2, ...
 * @param timeout              the longest a run may take; it then stops by itself
 * @param json                 print the result as JSON instead of a table
 * @param quiet                no progress lines on stderr
 * @param serverPid            the server's process id, to report its CPU time per message; 0 = unknown
 */
record BenchSettings(List<InetSocketAddress> servers, String userPrefix, int connectionsPerSource, Duration timeout,
                     boolean json, boolean quiet, long serverPid) {

    /** Longest name CHAT/1 allows, and what a user name may hold. */
    static final int MAX_USER_LENGTH = 32;
    private static final Pattern USER_CHARS = Pattern.compile("[A-Za-z0-9_.-]*");

    static List<Options.Spec> specs() {
        return List.of(
                Options.Spec.value("host", "address", "127.0.0.1", "server address; must be a loopback address"),
                Options.Spec.value("port", "port", String.valueOf(ProtocolDefaults.PORT), "server port"),
                Options.Spec.value("servers", "host:port,...", null,
                        "several servers (the replicas of a cluster), instead of --host and --port: clients are "
                                + "spread over them round-robin, client i on server i mod n"),
                Options.Spec.value("user-prefix", "text", null,
                        "users log in as <text>0, <text>1, ... (default: bench plus a random tag, e.g. benchk3x9_)"),
                Options.Spec.value("connections-per-source", "n", "40",
                        "connections per loopback source address 127.0.0.1, 127.0.0.2, ... (server cap: 50 per address)"),
                Options.Spec.value("timeout", "seconds", "120", "stop the run after this long, whatever its state"),
                Options.Spec.flag("json", "print the result as one JSON object instead of a table"),
                Options.Spec.flag("quiet", "no progress line on stderr"),
                Options.Spec.value("server-pid", "pid", "0",
                        "the server's process id (same machine): report its CPU time per message from /proc"),
                Options.Spec.flag("help", "show the options"));
    }

    static BenchSettings from(Options options) throws Options.UsageException {
        List<InetSocketAddress> servers;
        if (options.has("servers")) {
            if (options.has("host") || options.has("port")) {
                throw new Options.UsageException("--servers names every server: give either --servers or "
                        + "--host/--port, not both");
            }
            servers = servers(options.string("servers"));
        } else {
            servers = List.of(new InetSocketAddress(loopback("--host", options.string("host")),
                    options.intIn("port", 1, 65535)));
        }
        String prefix = options.string("user-prefix");
        if (prefix == null) {
            prefix = "bench" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36) + "_";
        }
        if (!USER_CHARS.matcher(prefix).matches() || prefix.length() > MAX_USER_LENGTH - 6) {
            throw new Options.UsageException("--user-prefix may hold only A-Z a-z 0-9 _ . - and at most "
                    + (MAX_USER_LENGTH - 6) + " of them");
        }
        int perSource = options.intIn("connections-per-source", 1, 100_000);
        long timeout = options.longIn("timeout", 1, 7 * 24 * 3600);
        long pid = options.longIn("server-pid", 0, Integer.MAX_VALUE);
        if (pid > 0 && servers.size() > 1) {
            throw new Options.UsageException("--server-pid measures one server; it cannot go with several --servers");
        }
        if (pid > 0 && !ProcessCpu.readable(pid)) {
            throw new Options.UsageException("--server-pid " + pid + ": no such process (or no /proc)");
        }
        return new BenchSettings(servers, prefix, perSource, Duration.ofSeconds(timeout),
                options.flag("json"), options.flag("quiet"), pid);
    }

    /** {@code host:port,host:port,...}; an IPv6 host in brackets: {@code [::1]:49152}. */
    static List<InetSocketAddress> servers(String list) throws Options.UsageException {
        List<InetSocketAddress> servers = new ArrayList<>();
        for (String entry : list.split(",", -1)) {
            String e = entry.strip();
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || colon == e.length() - 1 || e.startsWith("[") != e.substring(0, colon).endsWith("]")) {
                throw new Options.UsageException("--servers: '" + e + "' is not host:port (IPv6: [::1]:49152)");
            }
            String host = e.substring(0, colon).replaceAll("^\\[|]$", "");
            int port;
            try {
                port = Integer.parseInt(e.substring(colon + 1));
            } catch (NumberFormatException x) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new Options.UsageException("--servers: '" + e + "' has no port between 1 and 65535");
            }
            servers.add(new InetSocketAddress(loopback("--servers", host), port));
        }
        return List.copyOf(servers);
    }

    private static InetAddress loopback(String option, String host) throws Options.UsageException {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new Options.UsageException(option + ": unknown host '" + host + "'");
        }
        if (!address.isLoopbackAddress()) {
            throw new Options.UsageException(option + " " + host + " is not a loopback address: chat-bench only "
                    + "connects to 127.0.0.0/8 or ::1");
        }
        return address;
    }

    /** The first server (the only one without {@code --servers}). */
    InetSocketAddress server() {
        return servers.getFirst();
    }

    /** The server of connection {@code index}: round-robin, so n servers get nearly equal shares. */
    InetSocketAddress server(int index) {
        return servers.get(index % servers.size());
    }

    String user(int index) {
        return userPrefix + index;
    }

    /**
     * The local address connection {@code index} binds to, so that at most
     * {@code connectionsPerSource} connections share one source address: 127.0.0.1 for the
     * first ones, then 127.0.0.2, and on through 127.0.0.254, 127.0.1.1, ... For an IPv6
     * server there is only ::1, so {@code null}: the system picks it.
     */
    InetAddress sourceAddress(int index) {
        return sourceAddress(server(index).getAddress(), index, connectionsPerSource);
    }

    static InetAddress sourceAddress(InetAddress server, int index, int perSource) {
        if (!(server instanceof Inet4Address)) {
            return null;
        }
        int source = index / perSource;
        int third = source / 254;
        int fourth = source % 254 + 1;
        if (third > 255) {
            throw new IllegalArgumentException("too many connections for the loopback range: " + index);
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) third, (byte) fourth});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
