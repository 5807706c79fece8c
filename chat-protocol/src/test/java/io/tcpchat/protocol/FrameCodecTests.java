package io.tcpchat.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTests {

    private static final HexFormat HEX = HexFormat.of();
    private final FrameDecoder decoder = new FrameDecoder(1024);

    @Test
    void jsonFrameHasTheDocumentedBytes() {
        byte[] frame = FrameEncoder.json("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(frame)).isEqualTo("000000104a7b2274797065223a2270696e67227d");
    }

    @Test
    void dataFrameHasTheDocumentedBytes() {
        byte[] frame = FrameEncoder.data(7, 0, "abc".getBytes(StandardCharsets.US_ASCII), 0, 3);
        assertThat(HEX.formatHex(frame))
                .isEqualTo("00000014" + "44" + "0000000000000007" + "0000000000000000" + "616263");
    }

    @Test
    void readsBackWhatWasWritten() throws IOException {
        byte[] j = FrameEncoder.json("{\"type\":\"who\"}".getBytes(StandardCharsets.UTF_8));
        byte[] d = FrameEncoder.data(Long.MAX_VALUE, 1L << 40, new byte[] {1, 2, 3, 4}, 1, 2);
        InputStream in = new ByteArrayInputStream(concat(j, d));
        assertThat(decoder.read(in)).isInstanceOfSatisfying(Frame.Json.class,
                f -> assertThat(new String(f.body(), StandardCharsets.UTF_8)).isEqualTo("{\"type\":\"who\"}"));
        assertThat(decoder.read(in)).isInstanceOfSatisfying(Frame.Data.class, f -> {
            assertThat(f.file()).isEqualTo(Long.MAX_VALUE);
            assertThat(f.offset()).isEqualTo(1L << 40);
            assertThat(f.data()).containsExactly(2, 3);
        });
        assertThat(decoder.read(in)).as("clean end between frames").isNull();
    }

    static Stream<Arguments> malformedFrames() {
        return Stream.of(
                Arguments.of("length 0", "00000000"),
                Arguments.of("length past maxFrame", "00000401" + "4a"),
                Arguments.of("length 4 GiB - 1", "ffffffff"),
                Arguments.of("unknown kind", "00000002" + "58" + "00"),
                Arguments.of("lowercase j", "00000002" + "6a" + "7b"),
                Arguments.of("D body of 16 bytes", "00000011" + "44" + "00".repeat(16)),
                Arguments.of("D body of 0 bytes", "00000001" + "44"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFrames")
    void malformedFramesAreFramingErrors(String why, String hex) {
        assertThatThrownBy(() -> decoder.read(new ByteArrayInputStream(HEX.parseHex(hex))))
                .isInstanceOf(FrameException.class);
    }

    @Test
    void theLengthIsRefusedBeforeTheBodyIsRead() {
        // header says 2 GiB; only the 4 header bytes exist: a decoder that tried to read
        // or allocate the body would fail differently (EOF or OutOfMemoryError)
        assertThatThrownBy(() -> decoder.read(new ByteArrayInputStream(HEX.parseHex("7fffffff"))))
                .isInstanceOf(FrameException.class).hasMessageContaining("exceeds maxFrame");
    }

    @Test
    void aStreamEndingInsideAFrameIsTruncated() {
        assertThatThrownBy(() -> decoder.read(new ByteArrayInputStream(HEX.parseHex("0000000a4a7b"))))
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> decoder.read(new ByteArrayInputStream(HEX.parseHex("0000"))))
                .isInstanceOf(EOFException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
