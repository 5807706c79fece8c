package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTextTests {

    private final EventCodec codec = new EventCodec();

    @Test
    void aTextIsPaddedToItsSizeAndParsesBack() {
        String text = MessageText.format(3, 42, 1_234_567_890L, 100);
        assertThat(text).hasSize(100).startsWith("cb:000003:0000000042:0000000001234567890:xxx");
        assertThat(MessageText.parse(text)).isEqualTo(new MessageText.Parsed(3, 42, 1_234_567_890L));
        assertThat(MessageText.format(0, 1, 0, MessageText.HEADER_LENGTH)).hasSize(MessageText.HEADER_LENGTH);
    }

    @Test
    void otherTextsAreNotBenchMessages() {
        assertThat(MessageText.parse("hello")).isNull();
        assertThat(MessageText.parse(null)).isNull();
        assertThat(MessageText.parse("cb:00000x:0000000042:0000000001234567890:")).isNull();
        assertThat(MessageText.parse("xx" + MessageText.format(1, 1, 1, 60).substring(2))).isNull();
    }

    @Test
    void valuesThatDoNotFitAreRefused() {
        assertThatThrownBy(() -> MessageText.format(1, 1, 1, MessageText.HEADER_LENGTH - 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageText.format(1_000_000, 1, 1, 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTemplateFrameIsTheCodecsFrameWithNewDigits() throws Exception {
        MessageText.Template template = new MessageText.Template(codec, 7, 120);
        byte[] frame = template.frame(99, 5_000_000_000L).clone();
        byte[] expected = codec.frame(new ClientEvent.Send(MessageText.format(7, 99, 5_000_000_000L, 120), null, null));
        assertThat(frame).isEqualTo(expected);
        assertThat(template.length()).isEqualTo(expected.length);

        ClientEvent decoded = codec.decodeClient(Arrays.copyOfRange(frame, 5, frame.length));
        assertThat(decoded).isInstanceOf(ClientEvent.Send.class);
        assertThat(MessageText.parse(((ClientEvent.Send) decoded).text()))
                .isEqualTo(new MessageText.Parsed(7, 99, 5_000_000_000L));
    }
}
