package io.tcpchat.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-pass msg decoder agrees with Jackson, or steps aside (null) for Jackson to decide. */
class MsgDecoderTests {

    private final EventCodec codec = new EventCodec();

    /** Jackson's answer: the event, or null when it refuses the body. */
    private ClientEvent jackson(byte[] body) {
        try {
            return (ClientEvent) codec.mapperDecodeForTests(body);
        } catch (FrameException | RequestException e) {
            return null;
        }
    }

    @Test
    void decodesWhatClientsSendExactlyAsJacksonDoes() {
        RandomEvents random = new RandomEvents(7);
        for (int i = 0; i < 20_000; i++) {
            ClientEvent.Send send = new ClientEvent.Send(random.text(0, 200), random.ref(), random.ref(),
                    random.ref(), random.ref());
            byte[] body = codec.toJson(send);
            assertThat(MsgDecoder.decode(body)).as("%s", send).isEqualTo(send).isEqualTo(jackson(body));
        }
    }

    @Test
    void handWrittenShapesAgreeWithJackson() {
        String[] bodies = {
                "{\"type\":\"msg\",\"text\":\"hi\"}",
                " \n{ \"text\" : \"hi\" , \"type\" : \"msg\" }\t",
                "{\"type\":\"msg\",\"text\":\"a\\/b\\u00e9\\uD83D\\uDE00\\\"\\\\\\b\\f\\n\\r\\t\"}",
                "{\"type\":\"msg\",\"text\":\"lone \\uD800 surrogate\"}",
                "{\"type\":\"msg\",\"text\":\"caf\u00e9 \u2603\",\"to\":\"bob\",\"ref\":\"7\"}",
        };
        for (String b : bodies) {
            byte[] body = b.getBytes(StandardCharsets.UTF_8);
            assertThat(MsgDecoder.decode(body)).as(b).isNotNull().isEqualTo(jackson(body));
        }
    }

    @Test
    void everythingElseIsLeftToJackson() {
        String[] bodies = {
                "{\"type\":\"msg\",\"text\":\"hi\"} {}", "{\"type\":\"msg\",\"text\":5}", "{\"type\":\"msg\"}",
                "{\"type\":\"who\",\"text\":\"x\"}", "{\"type\":\"msg\",\"text\":\"a\",\"text\":\"b\"}",
                "{\"type\":\"msg\",\"text\":\"a\",\"client\":\"x\"}", "{\"type\":\"msg\",\"text\":\"a\\x\"}",
                "{\"type\":\"msg\",\"text\":\"a\u0001\"}", "[\"msg\"]", "", "{", "{\"type\":\"msg\",\"text\":\"a\",}",
                "{\"type\":\"msg\",\"text\":\"a\" \"to\":\"b\"}", "{\"type\":\"msg\",\"text\":null}",
        };
        for (String b : bodies) {
            assertThat(MsgDecoder.decode(b.getBytes(StandardCharsets.UTF_8))).as(b).isNull();
        }
        byte[] invalidUtf8 = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', 'm', 's', 'g', '"', ',', '"', 't', 'e', 'x',
                't', '"', ':', '"', (byte) 0xC3, '"', '}'};
        assertThat(MsgDecoder.decode(invalidUtf8)).isNull();
    }

    @Test
    void mutatedBodiesAreDecodedAsJacksonDoesOrLeftToIt() {
        RandomEvents random = new RandomEvents(99);
        SplittableRandom r = new SplittableRandom(99);
        byte[] alphabet = "{}[]\",:\\ u0aAtxm\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 50_000; i++) {
            byte[] body = codec.toJson(new ClientEvent.Send(random.text(0, 20), random.ref(), null));
            int mutations = r.nextInt(1, 4);
            for (int k = 0; k < mutations; k++) {
                int at = r.nextInt(body.length);
                body[at] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            ClientEvent.Send fast = MsgDecoder.decode(body);
            if (fast != null) {
                assertThat(fast).as(new String(body, StandardCharsets.UTF_8)).isEqualTo(jackson(body));
            }
        }
    }
}
