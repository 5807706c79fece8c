package io.tcpchat.server.history;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.DirectChannel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cluster's event log ({@link EventLog#tailed}): it stores as alone but publishes only what
 * its tail hands it, and answers each request once the request's events are published, in
 * request order (a refusal waits for the ack of an earlier request).
 */
class TailedEventLogTests {

    @Test
    void answersWaitForTheTailAndKeepRequestOrder() throws Exception {
        DirectChannel events = new DirectChannel();
        List<Long> published = new CopyOnWriteArrayList<>();
        events.subscribe(m -> ((StoredBatch) m.getPayload()).events().forEach(e -> published.add(e.seq())));
        InMemoryEventStore store = new InMemoryEventStore(1000, Clock.systemUTC());
        EventGate refusesSecret = new EventGate() {
            @Override
            public List<EventDraft> decide(EventDraft draft) throws RequestException {
                if (draft instanceof EventDraft.Message m && m.text().equals("secret")) {
                    throw new RequestException(ErrorCode.BAD_REQUEST, "no", null);
                }
                return null;
            }
        };
        EventLog log = new EventLog(store, refusesSecret, events, 64, 1024);
        log.tailed();
        log.startAt(0);
        log.start();
        List<String> answers = new CopyOnWriteArrayList<>();
        try {
            log.publish(new EventDraft.Message("a", null, "first"), answer(answers, "first"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.lastSeq() == 1);
            log.inBatch(() -> { // one batch: the refusal's answer waits for the batch's events
                log.publish(new EventDraft.Message("a", null, "secret"), answer(answers, "secret"));
                log.publish(new EventDraft.Message("b", null, "other"), answer(answers, "other"));
            });
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.lastSeq() == 2);

            // stored, but nothing published and no one answered: the tail has read nothing yet
            Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> answers.isEmpty() && published.isEmpty());

            log.publishRead(store.after(0, 1, Viewer.base("x"), 10));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 1);
            Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> answers.size() == 1);
            assertThat(answers).containsExactly("stored first 1");
            assertThat(log.lastPublishedSeq()).isEqualTo(1);

            log.publishRead(store.after(1, 2, Viewer.base("x"), 10));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> answers.size() == 3);
            assertThat(answers).as("the refusal after the earlier ack, before the later one")
                    .containsExactly("stored first 1", "refused secret", "stored other 2");
            assertThat(published).containsExactly(1L, 2L);
        } finally {
            log.stop();
        }
    }

    private static EventLog.Committed answer(List<String> answers, String text) {
        return new EventLog.Committed() {
            @Override
            public void stored(ServerEvent.Stored event) {
                answers.add("stored " + text + " " + event.seq());
            }

            @Override
            public void refused(RequestException e) {
                answers.add("refused " + text);
            }
        };
    }
}
