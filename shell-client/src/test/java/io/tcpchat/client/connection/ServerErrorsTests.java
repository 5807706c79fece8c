package io.tcpchat.client.connection;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class ServerErrorsTests {

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasASentence(ErrorCode code) {
        String text = ServerErrors.describe(ServerEvent.ErrorEvent.of(code, null, null));
        assertThat(text).isNotBlank().endsWith(".");
        if (code.wire().contains("_")) {
            assertThat(text).doesNotContain(code.wire()); // words, not codes
        }
    }

    @Test
    void theServersDetailFollowsTheSentence() {
        String text = ServerErrors.describe(ServerEvent.ErrorEvent.of(ErrorCode.NOT_FOUND, "user zed is not online",
                "c1"));
        assertThat(text).isEqualTo("Not found: user zed is not online.");
    }

    @Test
    void theServersOwnWordsAreKept() {
        assertThat(ServerErrors.describe(ServerEvent.ErrorEvent.of(ErrorCode.AUTH_FAILED, "wrong name or password",
                null))).isEqualTo("Login refused: wrong name or password.");
        assertThat(ServerErrors.describe(ServerEvent.ErrorEvent.of(ErrorCode.BAD_REQUEST, "'zoe' is registered already",
                null))).isEqualTo("Not accepted: 'zoe' is registered already.");
    }

    @Test
    void anUnknownCodeIsStillSaidInWords() {
        String text = ServerErrors.describe(new ServerEvent.ErrorEvent("too_sunny", "close the blinds", null, null));
        assertThat(text).isEqualTo("The server refused the request (too_sunny): close the blinds.");
    }
}
