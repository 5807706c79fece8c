package io.tcpchat.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties checked over many random cases: events and data frames round-trip; hostile and
 * truncated streams give only the codec's own errors and never allocate past maxFrame. The
 * seed is fixed so a failure reproduces; set -Dcodec.seed to explore others.
 */
class CodecPropertyTests {

    private static final int MAX_FRAME = 4096;
    private static final int CASES = 2000;
    private static final long SEED = Long.getLong("codec.seed", 20261125L);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final EventCodec codec = new EventCodec();
    private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME);
    private final RandomEvents random = new RandomEvents(SEED);

    @Test
    void clientEventsRoundTripThroughAFrame() throws Exception {
        FrameDecoder large = new FrameDecoder(1 << 20);
        for (int i = 0; i < CASES; i++) {
            ClientEvent event = random.clientEvent();
            Frame read = large.read(new ByteArrayInputStream(codec.frame(event)));
            assertThat(codec.decodeClient(((Frame.Json) read).body())).as("case %d, seed %d", i, SEED).isEqualTo(event);
        }
    }

    @Test
    void serverEventsRoundTrip() throws Exception {
        for (int i = 0; i < CASES; i++) {
            ServerEvent event = random.serverEvent();
            assertThat(codec.decodeServer(codec.toJson(event))).as("case %d, seed %d", i, SEED).isEqualTo(event);
        }
    }

    @Test
    void dataFramesRoundTrip() throws Exception {
        for (int i = 0; i < CASES; i++) {
            long file = random.natural();
            long offset = random.natural();
            byte[] data = random.bytes(1, MAX_FRAME - 17);
            Frame.Data read = (Frame.Data) decoder.read(
                    new ByteArrayInputStream(FrameEncoder.data(file, offset, data, 0, data.length)));
            assertThat(read.file()).isEqualTo(file);
            assertThat(read.offset()).isEqualTo(offset);
            assertThat(read.data()).isEqualTo(data);
        }
    }

    @Test
    void hostileStreamsGiveOnlyCodecErrorsAndNeverAllocatePastMaxFrame() {
        for (int i = 0; i < CASES * 5; i++) {
            readAll(random.hostileStream(MAX_FRAME), i);
        }
    }

    private void readAll(byte[] stream, int caseNo) {
        var in = new ByteArrayInputStream(stream);
        while (true) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            Frame frame;
            try {
                frame = decoder.read(in);
            } catch (FrameException | EOFException expected) {
                return;
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("case " + caseNo + ", seed " + SEED + ": unexpected " + e, e);
            } finally {
                long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
                assertThat(allocated).as("bytes allocated by one read, case %d", caseNo)
                        .isLessThan(MAX_FRAME + 32 * 1024);
            }
            if (frame == null) {
                return;
            }
            if (frame instanceof Frame.Json json) {
                try {
                    codec.decodeClient(json.body());
                } catch (FrameException | RequestException expected) {
                    // the codec's own errors are the only ones allowed
                } catch (RuntimeException e) {
                    throw new AssertionError("case " + caseNo + ", seed " + SEED + ": unexpected " + e, e);
                }
            }
        }
    }

    @Test
    void truncatedFramesAreNeverReadWhole() {
        FrameDecoder large = new FrameDecoder(1 << 20);
        for (int i = 0; i < CASES; i++) {
            byte[] frame = codec.frame(random.clientEvent());
            byte[] truncated = Arrays.copyOf(frame, random.between(1, frame.length - 1));
            try {
                large.read(new ByteArrayInputStream(truncated));
                throw new AssertionError("case " + i + ": a truncated frame was read whole");
            } catch (EOFException expected) {
                // the only acceptable outcome
            } catch (IOException e) {
                throw new AssertionError("case " + i + ": unexpected " + e, e);
            }
        }
    }
}
