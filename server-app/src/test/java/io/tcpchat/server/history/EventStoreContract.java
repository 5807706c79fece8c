package io.tcpchat.server.history;

import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every EventStore must do; run against each real store by its subclasses. */
abstract class EventStoreContract {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

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
    }

    final ManualClock clock = new ManualClock();
    EventStore store;

    abstract EventStore newStore(Clock clock);

    @BeforeEach
    void store() {
        store = newStore(clock);
    }

    private List<ServerEvent.Stored> append(EventDraft... drafts) {
        return store.appendAll(List.of(drafts));
    }

    @Test
    void aSeqIsNeverGivenTwiceEvenAfterRetentionDeletedEveryEvent() {
        List<ServerEvent.Stored> first = append(new EventDraft.Joined("Ada"), new EventDraft.Joined("Bob"));
        clock.now = clock.now.plus(Duration.ofDays(2));
        assertThat(store.deleteOld(clock.now.minus(Duration.ofDays(1)), 0, 100)).isEqualTo(2);
        List<ServerEvent.Stored> later = append(new EventDraft.Joined("Cy"));
        assertThat(later.getFirst().seq()).isGreaterThan(first.getLast().seq());
        EventStore reopened = reopen();
        if (reopened != null) {
            assertThat(reopened.appendAll(List.of(new EventDraft.Joined("Dee"))).getFirst().seq())
                    .isGreaterThan(later.getFirst().seq());
        }
    }

    @Test
    void allReadsEveryEventInSeqOrderWhoeverMaySeeIt() {
        List<ServerEvent.Stored> stored = append(new EventDraft.Joined("Ada"),
                new EventDraft.Message("Ada", "Bob", "only for bob"), new EventDraft.Message("Bob", null, "hi"));
        assertThat(store.all(0, 10)).isEqualTo(stored);
        assertThat(store.all(stored.getFirst().seq(), 1)).containsExactly(stored.get(1));
        assertThat(store.all(stored.getLast().seq(), 10)).isEmpty();
    }

    /** The same store's data through a new instance (a restart), or null for a store that keeps nothing. */
    EventStore reopen() {
        return null;
    }

    @Test
    void appendsGiveIncreasingSeqsAndReadBackEqual() {
        assertThat(store.lastSeq()).isZero();
        List<ServerEvent.Stored> a = append(new EventDraft.Joined("Ada"), new EventDraft.Message("Ada", null, "hi ☃ 😀"));
        List<ServerEvent.Stored> b = append(new EventDraft.File("Ada", "Bob", 42, "f.txt", 7, "ab".repeat(32)),
                new EventDraft.Left("Ada", LeaveReason.IDLE));
        assertThat(a.get(0).seq()).isLessThan(a.get(1).seq());
        assertThat(a.get(1).seq()).isLessThan(b.get(0).seq());
        assertThat(b.get(0).seq()).isLessThan(b.get(1).seq());
        assertThat(store.lastSeq()).isEqualTo(b.get(1).seq());
        assertThat(store.after(0, Long.MAX_VALUE, "bob", 100)).containsExactly(a.get(0), a.get(1), b.get(0), b.get(1));
        assertThat(a.get(1)).isEqualTo(new ServerEvent.ChatMessage(a.get(1).seq(), clock.now, "Ada", "hi ☃ 😀", null));
    }

    @Test
    void replayHonoursSinceUpToAndMax() {
        List<ServerEvent.Stored> e = store.appendAll(List.of(msg("1"), msg("2"), msg("3"), msg("4"), msg("5")));
        assertThat(store.after(e.get(1).seq(), e.get(3).seq(), "x", 100)).containsExactly(e.get(2), e.get(3));
        assertThat(store.after(e.get(0).seq(), Long.MAX_VALUE, "x", 2)).containsExactly(e.get(1), e.get(2));
        assertThat(store.after(e.get(4).seq(), Long.MAX_VALUE, "x", 10)).isEmpty();
    }

    @Test
    void historyPagesBackwardsOldestFirstAndSaysWhenThereIsMore() {
        List<ServerEvent.Stored> e = store.appendAll(List.of(msg("1"), msg("2"), msg("3"), msg("4"), msg("5")));
        EventStore.Page newest = store.before(Long.MAX_VALUE, 2, "x");
        assertThat(newest.events()).containsExactly(e.get(3), e.get(4));
        assertThat(newest.more()).isTrue();
        EventStore.Page older = store.before(e.get(3).seq(), 3, "x");
        assertThat(older.events()).containsExactly(e.get(0), e.get(1), e.get(2));
        assertThat(older.more()).isFalse();
        assertThat(store.before(e.get(0).seq(), 10, "x").events()).isEmpty();
    }

    @Test
    void aDirectEventIsSeenOnlyByItsTwoParties() {
        List<ServerEvent.Stored> e = store.appendAll(List.of(
                new EventDraft.Message("Ada", "Bob", "psst"),
                new EventDraft.File("Bob", "Ada", 1, "x", 1, "cd".repeat(32)),
                new EventDraft.Message("Cy", null, "everyone")));
        assertThat(store.after(0, Long.MAX_VALUE, "ADA", 10)).containsExactlyElementsOf(e);
        assertThat(store.after(0, Long.MAX_VALUE, "bob", 10)).containsExactlyElementsOf(e);
        assertThat(store.after(0, Long.MAX_VALUE, "cy", 10)).containsExactly(e.get(2));
        assertThat(store.before(Long.MAX_VALUE, 10, "cy").events()).containsExactly(e.get(2));
        assertThat(store.before(e.get(2).seq(), 10, "cy").more()).isFalse();
    }

    @Test
    void retentionDeletesByAgeAndByCount() {
        append(msg("old1"), msg("old2"));
        clock.now = clock.now.plus(Duration.ofDays(2));
        List<ServerEvent.Stored> recent = append(msg("new1"), msg("new2"), msg("new3"));
        assertThat(store.deleteOld(clock.now.minus(Duration.ofDays(1)), 0, 1000)).isEqualTo(2);
        assertThat(store.after(0, Long.MAX_VALUE, "x", 10)).containsExactlyElementsOf(recent);
        assertThat(store.deleteOld(null, 1, 1000)).isEqualTo(2);
        assertThat(store.after(0, Long.MAX_VALUE, "x", 10)).containsExactly(recent.get(2));
        assertThat(store.lastSeq()).isEqualTo(recent.get(2).seq());
    }

    private static EventDraft msg(String text) {
        return new EventDraft.Message("ada", null, text);
    }
}
