package io.tcpchat.server.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProxyProtocolHeaderTests {

    private static final byte[] CHAT = {0, 0, 0, 3, 'J', '{', '}'};

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A v2 header: the signature, then version/command, family, length and {@code body}. */
    static byte[] v2(int verCmd, int family, byte[] body) {
        return v2(verCmd, family, body.length, body);
    }

    static byte[] v2(int verCmd, int family, int length, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(16 + body.length);
        b.put(ProxyProtocolHeader.V2_SIGNATURE).put((byte) verCmd).put((byte) family).putShort((short) length).put(body);
        return b.array();
    }

    static byte[] tcp4(String src, String dst, int sport, int dport) throws IOException {
        return ByteBuffer.allocate(12).put(InetAddress.getByName(src).getAddress())
                .put(InetAddress.getByName(dst).getAddress()).putShort((short) sport).putShort((short) dport).array();
    }

    static byte[] tcp6(String src, String dst) throws IOException {
        return ByteBuffer.allocate(36).put(InetAddress.getByName(src).getAddress())
                .put(InetAddress.getByName(dst).getAddress()).putShort((short) 56324).putShort((short) 49152).array();
    }

    /** Reads a header from {@code bytes} and checks that the stream is left exactly at {@code CHAT}. */
    static ProxyProtocolHeader readBefore(byte[] header) throws IOException {
        InputStream in = new ByteArrayInputStream(concat(header, CHAT));
        ProxyProtocolHeader h = ProxyProtocolHeader.read(in);
        assertThat(in.readAllBytes()).as("the bytes after the header, untouched").isEqualTo(CHAT);
        return h;
    }

    static String source(ProxyProtocolHeader h) {
        return h.source() == null ? null : h.source().getHostAddress();
    }

    // version 1

    @Test
    void v1Tcp4GivesTheSourceAddress() throws IOException {
        ProxyProtocolHeader h = readBefore(ascii("PROXY TCP4 192.0.2.7 198.51.100.1 56324 49152\r\n"));
        assertThat(h.version()).isEqualTo(1);
        assertThat(source(h)).isEqualTo("192.0.2.7");
    }

    @Test
    void v1Tcp6GivesTheSourceAddress() throws IOException {
        ProxyProtocolHeader h = readBefore(ascii("PROXY TCP6 2001:db8::7 2001:DB8::1 0 65535\r\n"));
        assertThat(source(h)).isEqualTo(InetAddress.getByName("2001:db8::7").getHostAddress());
    }

    @Test
    void v1LongestLinesAreAccepted() throws IOException {
        String six = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";
        String tcp6 = "PROXY TCP6 " + six + " " + six + " 65535 65535\r\n";
        assertThat(tcp6).hasSize(104);
        assertThat(source(readBefore(ascii(tcp6)))).isEqualTo(InetAddress.getByName(six).getHostAddress());
        String unknown = "PROXY UNKNOWN " + six + " " + six + " 65535 65535\r\n";
        assertThat(unknown).hasSize(ProxyProtocolHeader.V1_MAX);
        assertThat(source(readBefore(ascii(unknown)))).isNull();
    }

    @Test
    void v1UnknownKeepsTheSocketsAddress() throws IOException {
        ProxyProtocolHeader h = readBefore(ascii("PROXY UNKNOWN\r\n"));
        assertThat(h.version()).isEqualTo(1);
        assertThat(h.source()).isNull();
        assertThat(readBefore(ascii("PROXY UNKNOWN whatever comes here\r\n")).source()).isNull();
    }

    @Test
    void v1IsReadByteByByteAndStopsAtItsCrlf() throws IOException {
        // a stream that would hand out everything at once must still not be read past the CRLF
        byte[] all = concat(ascii("PROXY TCP4 10.1.2.3 10.0.0.1 1 2\r\n"), CHAT);
        ByteArrayInputStream in = new ByteArrayInputStream(all);
        assertThat(source(ProxyProtocolHeader.read(in))).isEqualTo("10.1.2.3");
        assertThat(in.available()).isEqualTo(CHAT.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "PROXY TCP4 192.0.2.7 198.51.100.1 56324 49152\n",          // LF alone
            "PROXY TCP4 192.0.2.7 198.51.100.1 56324 49152\rX\n",       // CR alone
            "PROXY TCP4 192.0.2.7 198.51.100.1 56324\r\n",              // a field missing
            "PROXY TCP4 192.0.2.7 198.51.100.1 56324 49152 7\r\n",      // a field too many
            "PROXY TCP4  192.0.2.7 198.51.100.1 56324 49152\r\n",       // two spaces
            "PROXY TCP4 192.0.2.7 198.51.100.1 56324 49152 \r\n",       // trailing space
            "PROXY TCP4 192.0.2.256 198.51.100.1 56324 49152\r\n",      // octet over 255
            "PROXY TCP4 192.0.2.07 198.51.100.1 56324 49152\r\n",       // leading zero (octal?)
            "PROXY TCP4 192.0.2 198.51.100.1 56324 49152\r\n",          // three octets
            "PROXY TCP4 localhost 198.51.100.1 56324 49152\r\n",        // a name, never looked up
            "PROXY TCP4 2001:db8::7 198.51.100.1 56324 49152\r\n",      // IPv6 under TCP4
            "PROXY TCP6 192.0.2.7 2001:db8::1 56324 49152\r\n",         // IPv4 under TCP6
            "PROXY TCP6 [2001:db8::7] 2001:db8::1 56324 49152\r\n",     // brackets
            "PROXY TCP6 fe80::1%eth0 2001:db8::1 56324 49152\r\n",      // a zone
            "PROXY TCP6 2001:db8:::7 2001:db8::1 56324 49152\r\n",      // not IPv6
            "PROXY TCP4 192.0.2.7 198.51.100.1 65536 49152\r\n",        // port over 65535
            "PROXY TCP4 192.0.2.7 198.51.100.1 056324 49152\r\n",       // port with a leading zero
            "PROXY TCP4 192.0.2.7 198.51.100.1 -1 49152\r\n",           // negative port
            "PROXY UDP4 192.0.2.7 198.51.100.1 56324 49152\r\n",        // no such protocol
            "PROXY tcp4 192.0.2.7 198.51.100.1 56324 49152\r\n",        // case matters
            "PROXY\r\n",
            "PROXYTCP4 192.0.2.7 198.51.100.1 56324 49152\r\n",
            "PRoXY TCP4 192.0.2.7 198.51.100.1 56324 49152\r\n"})
    void malformedV1IsRefused(String line) {
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(concat(ascii(line), CHAT))))
                .isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void v1WithoutCrlfWithin107BytesIsRefusedAfterReadingNoMore() {
        byte[] line = ascii("PROXY UNKNOWN " + "x".repeat(200) + "\r\n");
        ByteArrayInputStream in = new ByteArrayInputStream(line);
        assertThatThrownBy(() -> ProxyProtocolHeader.read(in)).isInstanceOf(ProxyHeaderException.class)
                .hasMessageContaining("107");
        assertThat(line.length - in.available()).as("bytes read").isEqualTo(ProxyProtocolHeader.V1_MAX);
        byte[] oneOver = ascii("PROXY UNKNOWN " + "x".repeat(92) + "\r\n");
        assertThat(oneOver).hasSize(108);
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(oneOver)))
                .isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void truncatedV1IsRefused() {
        for (String cut : new String[] {"P", "PROXY", "PROXY TCP4 192.0.2.7", "PROXY TCP4 192.0.2.7 1.2.3.4 1 2\r"}) {
            assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(ascii(cut))))
                    .as(cut).isInstanceOf(ProxyHeaderException.class);
        }
    }

    // version 2

    @Test
    void v2ProxyTcp4GivesTheSourceAddress() throws IOException {
        ProxyProtocolHeader h = readBefore(v2(0x21, 0x11, tcp4("192.0.2.7", "198.51.100.1", 56324, 49152)));
        assertThat(h.version()).isEqualTo(2);
        assertThat(source(h)).isEqualTo("192.0.2.7");
    }

    @Test
    void theWorkedExampleOfTheJavadocReadsAsDocumented() throws IOException {
        byte[] bytes = HexFormat.of().parseHex("0D0A0D0A000D0A515549540A" + "21" + "11" + "000C"
                + "C0000207" + "C6336401" + "DC04" + "C000");
        assertThat(source(readBefore(bytes))).isEqualTo("192.0.2.7");
    }

    @Test
    void v2ProxyTcp6GivesTheSourceAddress() throws IOException {
        ProxyProtocolHeader h = readBefore(v2(0x21, 0x21, tcp6("2001:db8::7", "2001:db8::1")));
        assertThat(source(h)).isEqualTo(InetAddress.getByName("2001:db8::7").getHostAddress());
    }

    @Test
    void v2Udp4IsReadAlike() throws IOException {
        assertThat(source(readBefore(v2(0x21, 0x12, tcp4("192.0.2.9", "198.51.100.1", 1, 2))))).isEqualTo("192.0.2.9");
    }

    @Test
    void v2TlvsAfterTheAddressesAreSkipped() throws IOException {
        // AWS NLB style: a TLV of type 0xEA after the addresses; plus a long NOOP
        byte[] tlv = concat(new byte[] {(byte) 0xEA, 0, 5, 1, 'v', 'p', 'c', 'e'}, new byte[] {4, 0x03, (byte) 0xE8},
                new byte[1000]);
        ProxyProtocolHeader h = readBefore(v2(0x21, 0x11, concat(tcp4("192.0.2.7", "198.51.100.1", 1, 2), tlv)));
        assertThat(source(h)).isEqualTo("192.0.2.7");
    }

    @Test
    void v2LocalKeepsTheSocketsAddressWhateverItCarries() throws IOException {
        assertThat(readBefore(v2(0x20, 0x00, new byte[0])).source()).isNull();
        // LOCAL with an address block: skipped, not used
        assertThat(readBefore(v2(0x20, 0x11, tcp4("192.0.2.7", "198.51.100.1", 1, 2))).source()).isNull();
    }

    @Test
    void v2UnspecAndUnixKeepTheSocketsAddress() throws IOException {
        assertThat(readBefore(v2(0x21, 0x00, new byte[0])).source()).isNull();
        assertThat(readBefore(v2(0x21, 0x00, new byte[7])).source()).isNull();
        assertThat(readBefore(v2(0x21, 0x31, new byte[216])).source()).isNull();
        assertThat(readBefore(v2(0x21, 0x32, new byte[230])).source()).isNull();
    }

    @Test
    void v2OfTheLargestLengthIsReadToItsEnd() throws IOException {
        byte[] body = concat(tcp4("192.0.2.7", "198.51.100.1", 1, 2), new byte[65535 - 12]);
        assertThat(source(readBefore(v2(0x21, 0x11, body)))).isEqualTo("192.0.2.7");
    }

    @Test
    void v2WithABadSignatureIsRefused() throws IOException {
        for (int i = 1; i < 12; i++) {
            byte[] h = v2(0x21, 0x11, tcp4("192.0.2.7", "198.51.100.1", 1, 2));
            h[i] ^= 0x01;
            assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(concat(h, CHAT))))
                    .as("byte %d changed", i).isInstanceOf(ProxyHeaderException.class);
        }
    }

    @Test
    void v2WithAnotherVersionOrCommandIsRefused() throws IOException {
        byte[] body = tcp4("192.0.2.7", "198.51.100.1", 1, 2);
        for (int verCmd : new int[] {0x11, 0x31, 0x01, 0x22, 0x2F}) {
            assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(verCmd, 0x11, body))))
                    .as("ver/cmd 0x%02X", verCmd).isInstanceOf(ProxyHeaderException.class);
        }
    }

    @Test
    void v2WithAnUnknownFamilyOrProtocolIsRefused() throws IOException {
        byte[] body = new byte[216];
        for (int family : new int[] {0x10, 0x13, 0x20, 0x23, 0x30, 0x41, 0x01, 0x02, 0xFF}) {
            assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, family, body))))
                    .as("family 0x%02X", family).isInstanceOf(ProxyHeaderException.class);
        }
    }

    @Test
    void v2WithALengthUnderItsAddressBlockIsRefused() throws IOException {
        byte[] body = tcp4("192.0.2.7", "198.51.100.1", 1, 2);
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x11, 11, body))))
                .isInstanceOf(ProxyHeaderException.class);
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x21, 12, body))))
                .isInstanceOf(ProxyHeaderException.class);
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(v2(0x21, 0x31, 215, new byte[215]))))
                .isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void truncatedV2IsRefusedAtEveryCut() throws IOException {
        byte[] whole = v2(0x21, 0x21, concat(tcp6("2001:db8::7", "2001:db8::1"), new byte[] {4, 0, 2, 0, 0}));
        for (int cut = 1; cut < whole.length; cut++) {
            byte[] part = Arrays.copyOf(whole, cut);
            assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(part)))
                    .as("cut at %d", cut).isInstanceOf(ProxyHeaderException.class);
        }
    }

    // neither

    @Test
    void chatFramesAndEmptyStreamsAreNotAHeader() {
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(CHAT)))
                .isInstanceOf(ProxyHeaderException.class).hasMessageContaining("0x00");
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(ProxyHeaderException.class);
        assertThatThrownBy(() -> ProxyProtocolHeader.read(new ByteArrayInputStream(new byte[] {0x16, 3, 1})))
                .as("a TLS ClientHello").isInstanceOf(ProxyHeaderException.class);
    }

    @Test
    void garbageNeverPassesNorReadsPastTheSpecsMaximum() {
        // fixed seed: random bytes after each possible first byte; anything may be refused,
        // nothing may throw anything else or read more than a header may hold
        SplittableRandom random = new SplittableRandom(20261201);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(300)];
            random.nextBytes(bytes);
            bytes[0] = switch (i % 3) {
                case 0 -> 'P';
                case 1 -> 0x0D;
                default -> bytes[0];
            };
            if (i % 5 == 0 && bytes.length >= 16) {
                System.arraycopy(ProxyProtocolHeader.V2_SIGNATURE, 0, bytes, 0, 12);
            }
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            try {
                ProxyProtocolHeader h = ProxyProtocolHeader.read(in);
                assertThat(h.version()).isIn(1, 2);
            } catch (ProxyHeaderException expected) {
                // refused: fine
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("input " + HexFormat.of().formatHex(bytes), e);
            }
            int read = bytes.length - in.available();
            assertThat(read).isLessThanOrEqualTo(bytes[0] == 'P' ? ProxyProtocolHeader.V1_MAX : 16 + 65535);
        }
    }
}
