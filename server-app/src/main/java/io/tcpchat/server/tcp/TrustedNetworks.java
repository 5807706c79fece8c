package io.tcpchat.server.tcp;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The networks whose connections carry a PROXY header: a list of CIDR blocks, IPv4
 * ({@code 10.0.0.0/8}) or IPv6 ({@code fd00::/8}); a bare address is a block of one. An
 * IPv4 block matches IPv4 peers only, an IPv6 block IPv6 peers only (the JDK reports an
 * IPv4-mapped peer as IPv4). Host bits set under the prefix are refused, since
 * {@code 10.1.2.3/8} is more likely a typo than a wish for all of 10/8.
 */
final class TrustedNetworks {

    private final List<Block> blocks;

    private TrustedNetworks(List<Block> blocks) {
        this.blocks = blocks;
    }

    /** Parses {@code cidrs}; a malformed entry fails with a message naming it. */
    static TrustedNetworks parse(List<String> cidrs) {
        List<Block> blocks = new ArrayList<>();
        for (String cidr : cidrs) {
            blocks.add(Block.parse(cidr.strip()));
        }
        return new TrustedNetworks(List.copyOf(blocks));
    }

    boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Block b : blocks) {
            if (b.matches(bytes)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.toString();
    }

    private record Block(byte[] network, int prefix, String text) {

        static Block parse(String cidr) {
            int slash = cidr.indexOf('/');
            String host = slash < 0 ? cidr : cidr.substring(0, slash);
            InetAddress address = IpLiterals.any(host);
            if (address == null || (host.indexOf(':') >= 0) != (address.getAddress().length == 16)) {
                throw new IllegalArgumentException("chat.proxy-protocol.trusted-networks: '" + cidr
                        + "' is not an IPv4 or IPv6 network (address/prefix)");
            }
            byte[] network = address.getAddress();
            int bits = network.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("chat.proxy-protocol.trusted-networks: '" + cidr
                        + "' needs a prefix length from 0 to " + bits);
            }
            for (int bit = prefix; bit < bits; bit++) {
                if ((network[bit / 8] & (0x80 >> (bit % 8))) != 0) {
                    throw new IllegalArgumentException("chat.proxy-protocol.trusted-networks: '" + cidr
                            + "' has host bits set under /" + prefix);
                }
            }
            return new Block(network, prefix, cidr);
        }

        boolean matches(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
