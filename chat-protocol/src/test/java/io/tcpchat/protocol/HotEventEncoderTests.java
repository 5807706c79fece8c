package io.tcpchat.protocol;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written frames are byte for byte Jackson's, on hostile text and every optional field. */
class HotEventEncoderTests {

    private final EventCodec codec = new EventCodec();

    private byte[] jackson(ServerEvent event) {
        return FrameEncoder.json(codec.toJson(event));
    }

    @Test
    void matchesJacksonOnRandomEvents() {
        RandomEvents random = new RandomEvents(20261201L);
        for (int i = 0; i < 20_000; i++) {
            String from = random.text(1, 40);
            String text = random.text(0, 300);
            String to = random.ref();
            long seq = random.natural();
            Instant ts = Instant.ofEpochSecond(random.between(0, Integer.MAX_VALUE - 1), random.between(0, 999_999_998));
            Long maybeSeq = random.maybe(random.natural());
            Long maybeFile = random.maybe(random.natural());
            ServerEvent[] events = {
                    new ServerEvent.ChatMessage(seq, ts, from, text, to),
                    new ServerEvent.Ack(random.ref(), maybeSeq, maybeFile),
                    new ServerEvent.Joined(seq, ts, from),
                    new ServerEvent.Left(seq, ts, from, text),
            };
            for (ServerEvent e : events) {
                assertThat(HotEventEncoder.frame(e)).as("%s", e).isEqualTo(jackson(e));
            }
        }
    }

    @Test
    void everyEscapeJacksonWrites() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029\uFFFF\uD83D\uDE00\"\\/");
        ServerEvent e = new ServerEvent.ChatMessage(1, Instant.parse("2026-12-01T00:00:00Z"), "ada", all.toString(), "bob");
        assertThat(codec.frame(e)).isEqualTo(jackson(e));
        assertThat(codec.frame(new ServerEvent.Ack(null, null, null))).isEqualTo(jackson(new ServerEvent.Ack(null, null, null)));
    }

    @Test
    void otherEventsAreLeftToJackson() {
        assertThat(HotEventEncoder.frame(new ServerEvent.Pong("x"))).isNull();
        assertThat(codec.frame(new ServerEvent.Pong("x"))).isEqualTo(jackson(new ServerEvent.Pong("x")));
    }
}
