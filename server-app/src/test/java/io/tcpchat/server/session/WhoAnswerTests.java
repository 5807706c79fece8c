package io.tcpchat.server.session;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The answer to {@code who} holds as many names as fit in maxFrame, and not one more. */
class WhoAnswerTests {

    private final EventCodec codec = new EventCodec();

    @Test
    void asManyNamesAsFitAndNoMore() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int maxFrame = 200 + random.nextInt(3000);
            List<String> names = new ArrayList<>();
            for (int i = random.nextInt(200); i > 0; i--) {
                names.add("n".repeat(1 + random.nextInt(32)));
            }
            String ref = random.nextBoolean() ? null : "r".repeat(random.nextInt(65));
            ServerEvent.Users answer = new WhoAnswer(codec, maxFrame).of(names, ref);

            int n = answer.users().size();
            assertThat(answer.users()).isEqualTo(names.subList(0, n));
            assertThat(answer.total()).isEqualTo(names.size());
            assertThat(answer.more()).isEqualTo(n < names.size());
            assertThat(codec.toJson(answer).length + 1).isLessThanOrEqualTo(maxFrame);
            if (n < names.size()) {
                ServerEvent.Users oneMore = new ServerEvent.Users(names.subList(0, n + 1), names.size(),
                        n + 1 < names.size(), ref);
                assertThat(codec.toJson(oneMore).length + 1).as("one more name would not fit").isGreaterThan(maxFrame);
            }
        }
    }
}
