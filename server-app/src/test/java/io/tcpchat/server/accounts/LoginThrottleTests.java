package io.tcpchat.server.accounts;

import io.tcpchat.server.ChatProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What config/application.yml promises of chat.auth.lockout: any of the three at 0 is "off". */
class LoginThrottleTests {

    @ParameterizedTest
    @CsvSource({"0, 1s, 15m", "5, 0s, 15m", "5, 1s, 0s"})
    void anySettingAtZeroTurnsLockoutsOff(int failures, String baseDelay, String maxDelay) {
        var throttle = new LoginThrottle(new ChatProperties.Auth.Lockout(failures,
                Duration.parse("PT" + baseDelay), Duration.parse("PT" + maxDelay)), () -> 0L);
        for (int i = 0; i < 50; i++) {
            assertThat(throttle.failed("name:ada")).isFalse();
        }
        assertThat(throttle.lockedFor("name:ada")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "5, 5"})
    void theFailureThatReachesTheCountLocks(int failures, int lockingFailure) {
        var throttle = new LoginThrottle(new ChatProperties.Auth.Lockout(failures,
                Duration.ofSeconds(1), Duration.ofMinutes(15)), () -> 0L);
        for (int i = 1; i < lockingFailure; i++) {
            assertThat(throttle.failed("name:ada")).isFalse();
        }
        assertThat(throttle.failed("name:ada")).isTrue();
        assertThat(throttle.lockedFor("name:ada")).isEqualTo(Duration.ofSeconds(1));
    }
}
