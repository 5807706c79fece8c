package io.tcpchat.server.tcp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrustedNetworksTests {

    static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }

    @Test
    void ipv4BlocksMatchTheirAddressesOnly() throws Exception {
        TrustedNetworks t = TrustedNetworks.parse(List.of("10.0.0.0/8", "192.168.4.0/22", "172.16.5.9"));
        assertThat(t.contains(ip("10.0.0.0"))).isTrue();
        assertThat(t.contains(ip("10.255.255.255"))).isTrue();
        assertThat(t.contains(ip("11.0.0.0"))).isFalse();
        assertThat(t.contains(ip("9.255.255.255"))).isFalse();
        assertThat(t.contains(ip("192.168.4.1"))).isTrue();
        assertThat(t.contains(ip("192.168.7.255"))).isTrue();
        assertThat(t.contains(ip("192.168.8.0"))).isFalse();
        assertThat(t.contains(ip("192.168.3.255"))).isFalse();
        assertThat(t.contains(ip("172.16.5.9"))).isTrue();
        assertThat(t.contains(ip("172.16.5.10"))).isFalse();
        assertThat(t.contains(ip("::1"))).as("an IPv6 peer against IPv4 blocks").isFalse();
        assertThat(t.contains(null)).isFalse();
    }

    @Test
    void ipv6BlocksMatchTheirAddressesOnly() throws Exception {
        TrustedNetworks t = TrustedNetworks.parse(List.of("fd00::/8", "2001:db8:1::/48", "::1/128"));
        assertThat(t.contains(ip("fd12:3456::1"))).isTrue();
        assertThat(t.contains(ip("fe00::1"))).isFalse();
        assertThat(t.contains(ip("2001:db8:1:ffff::1"))).isTrue();
        assertThat(t.contains(ip("2001:db8:2::1"))).isFalse();
        assertThat(t.contains(ip("::1"))).isTrue();
        assertThat(t.contains(ip("::2"))).isFalse();
        assertThat(t.contains(ip("127.0.0.1"))).as("an IPv4 peer against IPv6 blocks").isFalse();
    }

    @Test
    void theDefaultsTrustLoopbackOnly() throws Exception {
        TrustedNetworks t = TrustedNetworks.parse(List.of("127.0.0.1/32", "::1/128"));
        assertThat(t.contains(ip("127.0.0.1"))).isTrue();
        assertThat(t.contains(ip("::1"))).isTrue();
        assertThat(t.contains(ip("127.0.0.2"))).isFalse();
        assertThat(t.contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void everythingAndNothing() throws Exception {
        TrustedNetworks all = TrustedNetworks.parse(List.of("0.0.0.0/0", "::/0"));
        assertThat(all.contains(ip("203.0.113.9"))).isTrue();
        assertThat(all.contains(ip("2001:db8::9"))).isTrue();
        TrustedNetworks none = TrustedNetworks.parse(List.of());
        assertThat(none.contains(ip("127.0.0.1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/x", "10.1.2.3/8", "fd00::1/8",
            "::/129", "10.0.0", "010.0.0.0/8", "example.com/32", "[::1]/128", "::ffff:10.0.0.0/104", ""})
    void malformedBlocksFailWithTheirText(String cidr) {
        assertThatThrownBy(() -> TrustedNetworks.parse(List.of(cidr))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trusted-networks").hasMessageContaining("'" + cidr + "'");
    }
}
