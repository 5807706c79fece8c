package io.tcpchat.client.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeqTrackerTests {

    @Test
    void showsEachSeqOnceAndRemembersTheHighest() {
        SeqTracker seqs = new SeqTracker();
        assertThat(seqs.highest()).isZero();
        assertThat(seqs.accept(3)).isTrue();
        assertThat(seqs.accept(5)).isTrue();
        assertThat(seqs.accept(5)).isFalse();
        assertThat(seqs.accept(3)).isFalse();
        assertThat(seqs.highest()).isEqualTo(5);
    }

    @Test
    void anEventOvertakenByALaterOneIsStillShown() {
        SeqTracker seqs = new SeqTracker();
        seqs.accept(10);
        assertThat(seqs.accept(9)).isTrue();
        assertThat(seqs.accept(9)).isFalse();
        assertThat(seqs.highest()).isEqualTo(10);
    }

    @Test
    void anythingOlderThanTheWindowCountsAsSeen() {
        SeqTracker seqs = new SeqTracker(3);
        seqs.accept(10);
        seqs.accept(11);
        seqs.accept(12);
        seqs.accept(13);
        assertThat(seqs.accept(5)).isFalse();
        assertThat(seqs.accept(14)).isTrue();
    }
}
