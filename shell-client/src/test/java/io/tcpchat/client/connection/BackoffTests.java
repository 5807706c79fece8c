package io.tcpchat.client.connection;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

    @Test
    void doublesUpToTheCapAndStartsOverAfterSuccess() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), () -> 0.0);
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(4));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void jitterAddsAtMostAFifthAndNeverPassesTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 1.0);
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(1200));
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(2400));
        for (int i = 0; i < 10; i++) {
            assertThat(backoff.next()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        }
    }
}
