package io.tcpchat.bench;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveredMessageTests {

    private final EventCodec codec = new EventCodec();

    @Test
    void readsWhatTheServersCodecWrites() {
        String text = MessageText.format(12, 345, 6789, 120);
        byte[] json = codec.toJson(new ServerEvent.ChatMessage(99, Instant.parse("2026-01-01T00:00:00Z"), "bench-12",
                text, null));
        DeliveredMessage.Fields f = DeliveredMessage.parse(json);
        assertThat(f).isNotNull();
        assertThat(f.from()).isEqualTo("bench-12");
        assertThat(f.text()).isEqualTo(MessageText.parse(text));
    }

    @Test
    void readsTheRoomOfARoomsMessage() {
        String text = MessageText.format(3, 4, 5, 100);
        byte[] json = codec.toJson(new ServerEvent.ChatMessage(7, Instant.EPOCH, "bench-3", text, null, "#dev", null));
        DeliveredMessage.Fields f = DeliveredMessage.parse(json);
        assertThat(f).isNotNull();
        assertThat(f.room()).isEqualTo("#dev");
        assertThat(f.text()).isEqualTo(MessageText.parse(text));
        assertThat(DeliveredMessage.parse(codec.toJson(new ServerEvent.ChatMessage(7, Instant.EPOCH, "a", text, null))))
                .extracting(DeliveredMessage.Fields::room).isNull();
        // a kind (an action) is not the shortcut's layout: the full decoder sees it
        assertThat(DeliveredMessage.parse(codec.toJson(new ServerEvent.ChatMessage(7, Instant.EPOCH, "a", text, null,
                "#dev", "action")))).isNull();
    }

    @Test
    void leavesEverythingElseToTheFullDecoder() {
        String text = MessageText.format(1, 2, 3, 100);
        byte[] direct = codec.toJson(new ServerEvent.ChatMessage(1, Instant.EPOCH, "a", text, "b"));
        assertThat(DeliveredMessage.parse(direct)).isNull();
        byte[] foreign = codec.toJson(new ServerEvent.ChatMessage(1, Instant.EPOCH, "a", "hello", null));
        assertThat(DeliveredMessage.parse(foreign)).isNull();
        assertThat(DeliveredMessage.parse("{\"type\":\"ack\",\"seq\":1}".getBytes(StandardCharsets.US_ASCII))).isNull();
        byte[] corrupt = codec.toJson(new ServerEvent.ChatMessage(1, Instant.EPOCH, "a",
                text.replace("000001", "00x001"), null));
        assertThat(DeliveredMessage.parse(corrupt)).isNull();
    }
}
