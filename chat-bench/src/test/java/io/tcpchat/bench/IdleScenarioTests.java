package io.tcpchat.bench;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class IdleScenarioTests {

    private final EventCodec codec = new EventCodec();

    @Test
    void presenceEventsAsTheCodecWritesThemAreRecognizedWithoutParsing() {
        assertThat(IdleScenario.isPresence(codec.toJson(new ServerEvent.Joined(1, Instant.EPOCH, "ann")))).isTrue();
        assertThat(IdleScenario.isPresence(codec.toJson(new ServerEvent.Left(2, Instant.EPOCH, "ann", "bye"))))
                .isTrue();
    }

    @Test
    void everythingElseIsLeftToTheParser() {
        assertThat(IdleScenario.isPresence(codec.toJson(new ServerEvent.Ping(null)))).isFalse();
        assertThat(IdleScenario.isPresence(codec.toJson(new ServerEvent.Bye("idle")))).isFalse();
        assertThat(IdleScenario.isPresence(bytes("{ \"type\":\"joined\"}"))).isFalse();
        assertThat(IdleScenario.isPresence(bytes("{\"type\":\"joinedx\"}"))).isFalse();
        assertThat(IdleScenario.isPresence(bytes("{\"type\""))).isFalse();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
