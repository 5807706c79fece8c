package io.tcpchat.client.connection;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class OfflineNoticesTests {

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-03-14T15:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @Test
    void theFirstFailureIsShownThenOnlyOncePerQuietPeriod() {
        TestClock clock = new TestClock();
        OfflineNotices notices = new OfflineNotices(clock, Duration.ofMinutes(1));
        assertThat(notices.due("refused")).isTrue();
        int shown = 0;
        for (int i = 0; i < 24; i++) { // two minutes of tries every 5 s
            clock.advance(Duration.ofSeconds(5));
            if (notices.due("refused")) {
                shown++;
            }
        }
        assertThat(shown).isEqualTo(2);
    }

    @Test
    void aNewReasonIsNewsAndSoIsTheNextDrop() {
        TestClock clock = new TestClock();
        OfflineNotices notices = new OfflineNotices(clock, Duration.ofMinutes(1));
        assertThat(notices.due("refused")).isTrue();
        clock.advance(Duration.ofSeconds(5));
        assertThat(notices.due("refused")).isFalse();
        assertThat(notices.due("name taken")).isTrue();
        notices.reset();
        assertThat(notices.due("name taken")).isTrue();
    }
}
