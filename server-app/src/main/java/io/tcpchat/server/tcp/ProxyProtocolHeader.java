package io.tcpchat.server.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The PROXY protocol header a load balancer puts before the client's bytes (HAProxy's
 * proxy-protocol.txt, versions 1 and 2, told apart by their first byte).
 *
 * <p>Version 1 is one line of US-ASCII, at most 107 bytes with its CRLF:
 * <pre>
 *   PROXY TCP4 192.0.2.7 198.51.100.1 56324 49152\r\n
 *   PROXY TCP6 2001:db8::7 2001:db8::1 56324 49152\r\n
 *   PROXY UNKNOWN\r\n                       (anything may follow UNKNOWN up to the CRLF)
 * </pre>
 * Version 2 is binary: a 16-byte head, then {@code len} bytes of addresses and TLVs.
 * <pre>
 *   sig     12 bytes  0D 0A 0D 0A 00 0D 0A 51 55 49 54 0A  ("\r\n\r\n\0\r\nQUIT\n")
 *   ver_cmd u8        high nibble 2; low nibble 0 LOCAL, 1 PROXY
 *   fam     u8        high nibble 0 UNSPEC, 1 INET, 2 INET6, 3 UNIX; low nibble 0 UNSPEC, 1 STREAM, 2 DGRAM
 *   len     u16       bytes that follow: INET 12 (src4 dst4 sport dport), INET6 36, UNIX 216, then TLVs
 *
 *   0D0A0D0A000D0A515549540A 21 11 000C C0000207 C6336401 DC04 C000
 *   = PROXY, TCP over IPv4, 12 bytes: from 192.0.2.7:56324 to 198.51.100.1:49152
 * </pre>
 *
 * <p>Reading takes exactly the header's bytes from the stream, never one more, so what follows
 * (CHAT/1 frames or a TLS handshake) is left for the next reader; version 1 is therefore read
 * a byte at a time. At most 107 bytes (v1) or 16 + 65,535 (v2, as its length field allows)
 * are read; TLVs are skipped through a small scratch buffer, so memory stays bounded.
 *
 * @param version 1 or 2
 * @param source  the client's address, or {@code null} where the header says to keep the
 *                socket's own (v1 UNKNOWN; v2 LOCAL, UNSPEC or UNIX)
 */
record ProxyProtocolHeader(int version, InetAddress source) {

    /** Longest version 1 line, CRLF included (the worst case of the specification). */
    static final int V1_MAX = 107;
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");
    private static final int SKIP_BUFFER = 256;

    /** Reads one header from the start of {@code in}; malformed or truncated: {@link ProxyHeaderException}. */
    static ProxyProtocolHeader read(InputStream in) throws IOException {
        int first = in.read();
        return switch (first) {
            case -1 -> throw new ProxyHeaderException("the connection ended before a PROXY header");
            case 'P' -> readV1(in);
            case 0x0D -> readV2(in);
            default -> throw new ProxyHeaderException(String.format("not a PROXY header (first byte 0x%02X)", first));
        };
    }

    private static ProxyProtocolHeader readV1(InputStream in) throws IOException {
        byte[] line = new byte[V1_MAX];
        line[0] = 'P';
        int n = 1;
        while (true) {
            if (n == V1_MAX) {
                throw new ProxyHeaderException("no CRLF within " + V1_MAX + " bytes of a v1 header");
            }
            int b = in.read();
            if (b < 0) {
                throw new ProxyHeaderException("a v1 header ended before its CRLF");
            }
            boolean afterCr = line[n - 1] == '\r';
            line[n++] = (byte) b;
            if (afterCr) {
                if (b != '\n') {
                    throw new ProxyHeaderException("a CR without LF in a v1 header");
                }
                break;
            }
            if (b == '\n') {
                throw new ProxyHeaderException("an LF without CR in a v1 header");
            }
        }
        return parseV1(new String(line, 0, n - 2, StandardCharsets.US_ASCII));
    }

    private static ProxyProtocolHeader parseV1(String line) throws ProxyHeaderException {
        String[] f = line.split(" ", -1);
        if (!f[0].equals("PROXY") || f.length < 2) {
            throw new ProxyHeaderException("a v1 header starts with \"PROXY \"");
        }
        if (f[1].equals("UNKNOWN")) {
            return new ProxyProtocolHeader(1, null);
        }
        boolean v4 = f[1].equals("TCP4");
        if (!v4 && !f[1].equals("TCP6")) {
            throw new ProxyHeaderException("unknown v1 protocol '" + printable(f[1]) + "'");
        }
        if (f.length != 6) {
            throw new ProxyHeaderException("a v1 " + f[1] + " header has 4 fields after the protocol, one space apart");
        }
        InetAddress source = v4 ? IpLiterals.ipv4(f[2]) : IpLiterals.ipv6(f[2]);
        InetAddress destination = v4 ? IpLiterals.ipv4(f[3]) : IpLiterals.ipv6(f[3]);
        if (source == null || destination == null) {
            throw new ProxyHeaderException("bad " + f[1] + " address in a v1 header");
        }
        if (!port(f[4]) || !port(f[5])) {
            throw new ProxyHeaderException("bad port in a v1 header");
        }
        return new ProxyProtocolHeader(1, source);
    }

    private static boolean port(String text) {
        return PORT.matcher(text).matches() && Integer.parseInt(text) <= 65535;
    }

    private static ProxyProtocolHeader readV2(InputStream in) throws IOException {
        byte[] head = new byte[16];
        head[0] = 0x0D;
        readFully(in, head, 1, 15);
        if (!Arrays.equals(head, 0, 12, V2_SIGNATURE, 0, 12)) {
            throw new ProxyHeaderException("bad v2 signature");
        }
        int version = (head[12] & 0xF0) >> 4;
        int command = head[12] & 0x0F;
        int family = head[13] & 0xFF;
        int length = ((head[14] & 0xFF) << 8) | (head[15] & 0xFF);
        if (version != 2) {
            throw new ProxyHeaderException("v2 header with version " + version);
        }
        if (command > 1) {
            throw new ProxyHeaderException("v2 header with unknown command " + command);
        }
        if (command == 0) {
            // LOCAL: the proxy's own connection (a health check); the family is ignored
            skip(in, length);
            return new ProxyProtocolHeader(2, null);
        }
        // the address block each family needs: IPv4 and IPv6 carry the client's address first
        int block = switch (family) {
            case 0x00 -> 0;           // UNSPEC: keep the socket's address
            case 0x11, 0x12 -> 12;    // TCP or UDP over IPv4
            case 0x21, 0x22 -> 36;    // TCP or UDP over IPv6
            case 0x31, 0x32 -> 216;   // UNIX: no IP address to use, keep the socket's
            default -> throw new ProxyHeaderException(String.format("v2 header with unknown family 0x%02X", family));
        };
        int addressBytes = block == 12 ? 4 : block == 36 ? 16 : 0;
        if (length < block) {
            throw new ProxyHeaderException("v2 address block of " + length + " bytes, under the " + block
                    + " its family needs");
        }
        InetAddress source = null;
        if (addressBytes > 0) {
            byte[] address = new byte[addressBytes];
            readFully(in, address, 0, addressBytes);
            source = IpLiterals.byAddress(address);
        }
        skip(in, length - addressBytes);
        return new ProxyProtocolHeader(2, source);
    }

    private static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        if (in.readNBytes(b, off, len) < len) {
            throw new ProxyHeaderException("a v2 header ended early");
        }
    }

    private static void skip(InputStream in, int n) throws IOException {
        byte[] scratch = new byte[Math.min(n, SKIP_BUFFER)];
        int left = n;
        while (left > 0) {
            int r = in.read(scratch, 0, Math.min(left, scratch.length));
            if (r < 0) {
                throw new ProxyHeaderException("a v2 header ended early");
            }
            left -= r;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 16 ? s.substring(0, 16) : s;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
