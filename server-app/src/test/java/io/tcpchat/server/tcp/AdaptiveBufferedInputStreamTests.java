package io.tcpchat.server.tcp;

import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameEncoder;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveBufferedInputStreamTests {

    /** Hands out its bytes in pieces of the given sizes, as a socket would. */
    static final class Trickle extends InputStream {
        private final byte[] data;
        private final int[] pieces;
        private int at;
        private int piece;

        Trickle(byte[] data, int... pieces) {
            this.data = data;
            this.pieces = pieces;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("reads are in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - at), pieces[piece++ % pieces.length]);
            System.arraycopy(data, at, b, off, n);
            at += n;
            return n;
        }
    }

    @Test
    void framesComeThroughWhateverTheReadSizes() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[random.nextInt(1, i % 50 == 0 ? 20_000 : 300)];
            random.nextBytes(data);
            sent.add(data);
            wire.writeBytes(FrameEncoder.data(i, 0, data, 0, data.length));
        }
        for (int[] pieces : new int[][] {{1}, {7, 300, 5000}, {128}, {4096}, {100_000}}) {
            var in = new AdaptiveBufferedInputStream(new Trickle(wire.toByteArray(), pieces));
            FrameDecoder decoder = new FrameDecoder(1 << 20);
            for (byte[] expected : sent) {
                assertThat(((Frame.Data) decoder.read(in)).data()).isEqualTo(expected);
            }
            assertThat(decoder.read(in)).isNull();
        }
    }

    @Test
    void anIdleStreamLetsTheLargeBufferGo() throws IOException {
        byte[] burst = new byte[10_000];
        // a burst arrives in full buffers, then the peer pauses: a short read
        var in = new AdaptiveBufferedInputStream(new Trickle(burst, 128, 4096, 4096, 100, 50));
        skip(in, 128 + 1);
        assertThat(in.held()).as("data keeps coming: the large buffer").isEqualTo(AdaptiveBufferedInputStream.LARGE);
        skip(in, 4095 + 4096 + 100 + 1);
        assertThat(in.held()).as("after a short read: small again").isLessThanOrEqualTo(AdaptiveBufferedInputStream.SMALL);
    }

    private static void skip(InputStream in, int bytes) throws IOException {
        for (int i = 0; i < bytes; i++) {
            assertThat(in.read()).isNotNegative();
        }
    }
}
