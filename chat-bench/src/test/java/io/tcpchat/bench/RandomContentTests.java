package io.tcpchat.bench;

import io.tcpchat.protocol.FrameEncoder;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class RandomContentTests {

    @Test
    void anyCuttingIntoChunksGivesTheSameBytes() {
        RandomContent content = new RandomContent(42);
        byte[] whole = new byte[1000];
        content.fill(0, whole, 0, whole.length);

        byte[] pieces = new byte[1000];
        int[] cuts = {0, 1, 3, 8, 9, 17, 64, 333, 334, 999, 1000};
        for (int i = 0; i + 1 < cuts.length; i++) {
            content.fill(cuts[i], pieces, cuts[i], cuts[i + 1] - cuts[i]);
        }
        assertThat(pieces).isEqualTo(whole);

        byte[] shifted = new byte[20];
        content.fill(101, shifted, 3, 17);
        for (int i = 0; i < 17; i++) {
            assertThat(shifted[3 + i]).isEqualTo(whole[101 + i]);
        }
    }

    @Test
    void seedsGiveDifferentBytesThatLookRandom() {
        byte[] a = new byte[4096];
        byte[] b = new byte[4096];
        new RandomContent(1).fill(0, a, 0, a.length);
        new RandomContent(2).fill(0, b, 0, b.length);
        assertThat(a).isNotEqualTo(b);
        long ones = 0;
        for (byte x : a) {
            ones += Integer.bitCount(x & 0xFF);
        }
        assertThat(ones).isBetween(4096L * 8 / 2 - 600, 4096L * 8 / 2 + 600);
    }

    @Test
    void theDigestIsThatOfTheBytes() throws Exception {
        RandomContent content = new RandomContent(7);
        int size = 300_000;
        byte[] all = new byte[size];
        content.fill(0, all, 0, size);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all));
        assertThat(content.sha256(size)).isEqualTo(expected);
        assertThat(content.sha256(0))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void aDataHeaderIsTheStartOfTheCodecsDFrame() {
        byte[] data = {1, 2, 3, 4, 5};
        byte[] frame = FrameEncoder.data(0x0102030405060708L, 0x1122334455667788L, data, 1, 3);
        byte[] header = FilesScenario.dataHeader(0x0102030405060708L, 0x1122334455667788L, 3);
        byte[] joined = new byte[header.length + 3];
        System.arraycopy(header, 0, joined, 0, header.length);
        System.arraycopy(data, 1, joined, header.length, 3);
        assertThat(joined).isEqualTo(frame);
    }
}
