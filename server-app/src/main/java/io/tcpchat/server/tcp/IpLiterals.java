package io.tcpchat.server.tcp;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Strict IP address literals, never a name lookup. IPv4: exactly four decimal numbers
 * 0-255 without leading zeros (which some parsers read as octal). IPv6: hex groups and
 * colons (an embedded dotted IPv4 tail allowed), no brackets, no zone.
 */
final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private IpLiterals() {
    }

    /** The IPv4 address written {@code text}, or {@code null} if it is not one. */
    static InetAddress ipv4(String text) {
        if (!IPV4.matcher(text).matches()) {
            return null;
        }
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int n = Integer.parseInt(parts[i]);
            if (n > 255) {
                return null;
            }
            bytes[i] = (byte) n;
        }
        return byAddress(bytes);
    }

    /**
     * The IPv6 address written {@code text}, or {@code null} if it is not one. An IPv4-mapped
     * address ({@code ::ffff:192.0.2.1}) comes back as the IPv4 address it maps, as the JDK
     * reports such a peer.
     */
    static InetAddress ipv6(String text) {
        if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
            return null;
        }
        try {
            return Inet6Address.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 literal, or {@code null}. */
    static InetAddress any(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address is 4 or 16 bytes, not " + bytes.length, e);
        }
    }
}
