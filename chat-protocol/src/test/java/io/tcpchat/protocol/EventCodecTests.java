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

    @Test
    void welcomeCarriesTheHellosRef() throws Exception {
        var limits = new ServerEvent.Limits(1024, 10, 2048, 512);
        var welcome = new ServerEvent.Welcome(1, "ada", "s1", "srv", limits, "h1");
        assertThat(new String(codec.toJson(welcome), StandardCharsets.UTF_8)).contains("\"ref\":\"h1\"");
        assertThat(codec.decodeServer(codec.toJson(welcome))).isEqualTo(welcome);
        assertThat(new String(codec.toJson(new ServerEvent.Welcome(1, "ada", "s1", "srv", limits)),
                StandardCharsets.UTF_8)).doesNotContain("ref");
    }

    /** Values Jackson cannot put in an Integer: refused by the codec itself, as a hello. */
    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551617", "2147483648", "-2147483649", "1.5", "1.0", "1e0", "\"1\"",
            "true", "[1]", "{\"major\":1}"})
    void aHelloWhoseVCannotBeAnIntegerIsAnUnsupportedVersionOfAHello(String v) {
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"hello\",\"v\":" + v
                + ",\"user\":\"ada\",\"ref\":\"h\"}")))
                .isInstanceOfSatisfying(RequestException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
                    assertThat(e.ref()).isEqualTo("h");
                    assertThat(e.refusesHello()).isTrue();
                });
    }

    @Test
    void anyRefusedHelloSaysSoButOtherRefusalsDoNot() {
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"hello\",\"v\":1,\"user\":7}")))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.refusesHello()).isTrue());
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"hello\",\"v\":1,\"user\":\"a\",\"ref\":\""
                + "r".repeat(65) + "\"}")))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.refusesHello()).isTrue());
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"register\",\"password\":7}")))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.refusesHello()).isFalse());
    }

    /**
     * Jackson's own messages quote the input; ours name the field and the problem only, so
     * a password in a malformed hello or register reaches neither a log nor the error.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"type\":\"hello\",\"v\":1,\"user\":\"ada\",\"password\":987654321987}",
            "{\"type\":\"hello\",\"v\":1,\"user\":\"ada\",\"password\":98765.4321987}",
            "{\"type\":\"hello\",\"v\":1,\"user\":\"ada\",\"password\":{\"p\":\"987654321987\"}}",
            "{\"type\":\"hello\",\"v\":1,\"user\":\"ada\",\"password\":[\"987654321987\"]}",
            "{\"type\":\"hello\",\"v\":1,\"user\":\"ada\",\"password\":987654321987x}",
            "{\"type\":\"hello\",\"v\":1,\"user\":\"ada\",\"password\":\"987654321987\",}",
            "{\"type\":\"hello\",\"v\":1.5,\"user\":\"ada\",\"password\":\"987654321987\"",
            "{\"type\":\"hello\",\"v\":\"987654321987\",\"user\":\"ada\"}",
            "{\"type\":\"register\",\"password\":987654321987}",
            "{\"type\":\"register\",\"password\":987654321987987654321987987654321987}",
            "{\"type\":\"register\",\"password\":pw987654321987}",
            "{\"type\":\"register\",\"password\":\"987654321987\"} 987654321987",
            "{\"type\":\"register\",\"password\":\"987654321987\"",
            "{\"type\":\"register\",\"password\":\"987654321987\",\"ref\":987654321987}",
            "{\"type\":\"register987654321987\",\"password\":\"987654321987\"}",
    })
    void decodeErrorsNeverQuoteTheInput(String body) {
        assertThatThrownBy(() -> codec.decodeClient(utf8(body))).satisfies(e -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).as("%s of %s", t.getClass().getSimpleName(), body)
                        .doesNotContain("987654321987").doesNotContain("98765.4321987");
                assertThat(t.toString()).doesNotContain("987654321987");
            }
        });
    }

    @Test
    void aDecodeErrorNamesTheFieldAndTheProblem() {
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"register\",\"password\":12345678}")))
                .hasMessage("malformed register: field 'password' must be a string, not a number");
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"download\",\"file\":99999999999999999999}")))
                .hasMessage("malformed download: field 'file' is out of range");
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"download\",\"file\":\"7\"}")))
                .hasMessage("malformed download: field 'file' must be an integer, not a string");
        assertThatThrownBy(() -> codec.decodeClient(utf8("{\"type\":\"ping\",\"ref\":\"x\"} y")))
                .isInstanceOf(FrameException.class).hasMessage("J body is not one JSON object: syntax error at byte 26");
    }

    @Test
    void controlCharactersOtherThanTabAndLineFeedAreFound() {
        for (int c = 0; c <= 0x9F; c++) {
            boolean control = c <= 0x1F && c != '\t' && c != '\n' || c >= 0x7F;
            assertThat(Texts.hasControlOtherThanTabOrLf("a" + (char) c + "b")).as("U+%04X", c).isEqualTo(control);
        }
        assertThat(Texts.hasControlOtherThanTabOrLf("line\n\tindented, caf\u00e9 \u00a0 \ud83d\ude00")).isFalse();
        assertThat(Texts.hasControlOtherThanTabOrLf("\r\n")).isTrue();
        assertThat(Texts.hasControlOtherThanTabOrLf("\u001b[2J")).isTrue();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
