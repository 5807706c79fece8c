package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSettingsTests {

    private static String source(int index, int perSource) throws Exception {
        return BenchSettings.sourceAddress(InetAddress.getByName("127.0.0.1"), index, perSource).getHostAddress();
    }

    @Test
    void connectionsSpreadOverLoopbackSourcesAtMostPerSourceEach() throws Exception {
        assertThat(source(0, 40)).isEqualTo("127.0.0.1");
        assertThat(source(39, 40)).isEqualTo("127.0.0.1");
        assertThat(source(40, 40)).isEqualTo("127.0.0.2");
        assertThat(source(253 * 40, 40)).isEqualTo("127.0.0.254");
        assertThat(source(254 * 40, 40)).isEqualTo("127.0.1.1");
    }

    @Test
    void anIpv6ServerLeavesTheSourceToTheSystem() throws Exception {
        assertThat(BenchSettings.sourceAddress(InetAddress.getByName("::1"), 5, 40)).isNull();
    }
}
