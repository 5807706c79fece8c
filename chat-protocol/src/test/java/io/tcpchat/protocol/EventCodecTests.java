package io.tcpchat.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTests {

    private final EventCodec codec = new EventCodec();

    @Test
    void decodesAHelloAndIgnoresUnknownFields() throws Exception {
        ClientEvent e = codec.decodeClient(utf8("""
                {"type":"hello","v":1,"user":"ada","since":41,"ref":"r1","color":"blue"}"""));
        assertThat(e).isEqualTo(new ClientEvent.Hello(1, "ada", null, null, 41L, "r1"));
    }

    @Test
    void encodesAMessageWithTypeAndWithoutNulls() {
        var msg = new ServerEvent.ChatMessage(5, Instant.parse("2026-01-02T03:04:05.678Z"), "ada", "hi", null);
        assertThat(new String(codec.toJson(msg), StandardCharsets.UTF_8)).isEqualTo(
                "{\"type\":\"msg\",\"seq\":5,\"ts\":\"2026-01-02T03:04:05.678Z\",\"from\":\"ada\",\"text\":\"hi\"}");
    }

    @Test
    void dottedTypesAndNestedHistoryRoundTrip() throws Exception {
        var ready = new ServerEvent.UploadReady("u1", 9, 262144);
        assertThat(new String(codec.toJson(ready), StandardCharsets.UTF_8)).startsWith("{\"type\":\"upload.ready\"");
        var page = new ServerEvent.HistoryPage(List.of(
                new ServerEvent.Joined(1, Instant.parse("2026-01-01T00:00:00Z"), "ada"),
                new ServerEvent.ChatMessage(2, Instant.parse("2026-01-01T00:00:01Z"), "ada", "x", "bob")), true, "h");
        assertThat(codec.decodeServer(codec.toJson(page))).isEqualTo(page);
        assertThat(codec.decodeServer(codec.toJson(ready))).isEqualTo(ready);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "   ", "[]", "\"hello\"", "42", "null", "{\"v\":1}", "{\"type\":7}", "{\"type\":null}",
            "{\"type\":\"ping\"} {\"type\":\"ping\"}", "{\"type\":\"ping\"", "{\"type\":\"ping\"}x",
    })
    void bodiesThatAreNotOneObjectWithAStringTypeAreFramingErrors(String body) {
        assertThatThrownBy(() -> codec.decodeClient(utf8(body))).isInstanceOf(FrameException.class);
    }

    @Test
    void invalidUtf8IsAFramingError() {
        for (String hex : List.of("7b2274797065223a2270696e67ff227d", "c0af", "eda080", "f4908080", "e282")) {
            assertThatThrownBy(() -> codec.decodeClient(HexFormat.of().parseHex(hex)))
                    .as(hex).isInstanceOf(FrameException.class);
        }
    }

    @Test
    void whiteSpaceAroundTheObjectIsAllowed() throws Exception {
        assertThat(codec.decodeClient(utf8("\n\t {\"type\":\"who\"} \r\n"))).isEqualTo(new ClientEvent.Who(null));
    }

    @Test
    void anUnknownTypeIsABadRequestThatKeepsTheRef() {
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"dance\",\"ref\":\"x\"}")))
                .isInstanceOfSatisfying(RequestException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.ref()).isEqualTo("x");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"upload\",\"name\":\"a\",\"size\":\"5\",\"sha256\":\"x\"}",
            "{\"type\":\"upload\",\"name\":\"a\",\"size\":1.5,\"sha256\":\"x\"}",
            "{\"type\":\"hello\",\"v\":1,\"user\":[\"ada\"]}",
            "{\"type\":\"ping\",\"ref\":7}",
    })
    void wrongFieldTypesAreBadRequests(String body) {
        assertThatThrownBy(() -> codec.decodeClient(utf8(body)))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }

    @Test
    void aRefLongerThan64CodePointsIsABadRequest() throws Exception {
        String ok = "😀".repeat(64);
        assertThat(codec.decodeClient(utf8("{\"type\":\"ping\",\"ref\":\"" + ok + "\"}")).ref()).isEqualTo(ok);
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"ping\",\"ref\":\"" + "a".repeat(65) + "\"}")))
                .isInstanceOf(RequestException.class);
    }

    @Test
    void loneSurrogatesAreFound() {
        assertThat(Texts.hasLoneSurrogate("a\uD800b")).isTrue();
        assertThat(Texts.hasLoneSurrogate("a\uDC00")).isTrue();
        assertThat(Texts.hasLoneSurrogate("😀")).isFalse();
    }

    @Test
    void passwordsNeverShowInToString() {
        assertThat(new ClientEvent.Hello(1, "ada", "s3cret", null, null, null).toString()).doesNotContain("s3cret");
        assertThat(new ClientEvent.Register("s3cret", null).toString()).doesNotContain("s3cret");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
