package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import static io.tcpchat.bench.BenchClient.Audience.FOREIGN;
import static io.tcpchat.bench.BenchClient.Audience.MISATTRIBUTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomLayoutTests {

    /** A big room of 3 (clients 0-2) and two rooms of 2 (3-4, 5-6). */
    private final RoomLayout layout = new RoomLayout(3, 2, 2, "Bench_t1_", i -> "Bench_t1_" + i);

    private static MessageText.Parsed from(int sender) {
        return new MessageText.Parsed(sender, 1, 0);
    }

    @Test
    void clientsAreSpreadOverTheRoomsInIndexOrder() {
        assertThat(layout.clients()).isEqualTo(7);
        assertThat(layout.roomOf(0)).isZero();
        assertThat(layout.roomOf(2)).isZero();
        assertThat(layout.roomOf(3)).isEqualTo(1);
        assertThat(layout.roomOf(6)).isEqualTo(2);
        assertThat(layout.roomOf(7)).isEqualTo(-1);
        assertThat(layout.localIndex(4)).isEqualTo(1);
        assertThat(layout.name(0)).isEqualTo("#bench_t1_big");
        assertThat(layout.name(2)).isEqualTo("#bench_t1_r2");
    }

    @Test
    void aMessageOfTheClientsOwnRoomIsItsSendersStream() {
        BenchClient.Audience audience = layout.audience(4);
        assertThat(audience.stream("bench_t1_3", "#bench_t1_r1", from(3))).isZero();
        assertThat(audience.stream("Bench_t1_4", "#BENCH_T1_R1", from(4))).isEqualTo(1);
    }

    @Test
    void aMessageOfAnotherRoomIsForeign() {
        BenchClient.Audience audience = layout.audience(4);
        // the big room's message, labelled as such
        assertThat(audience.stream("Bench_t1_0", "#bench_t1_big", from(0))).isEqualTo(FOREIGN);
        // the other busy room's member, whatever the label says
        assertThat(audience.stream("Bench_t1_5", "#bench_t1_r1", from(5))).isEqualTo(FOREIGN);
        // a room message that came as a lobby message
        assertThat(audience.stream("Bench_t1_3", null, from(3))).isEqualTo(FOREIGN);
        // a sender number past every room
        assertThat(audience.stream("Bench_t1_99", "#bench_t1_r1", from(99))).isEqualTo(FOREIGN);
    }

    @Test
    void aTextUnderAnotherMembersNameIsMisattributed() {
        assertThat(layout.audience(0).stream("Bench_t1_2", "#bench_t1_big", from(1))).isEqualTo(MISATTRIBUTED);
    }

    @Test
    void aTagThatMakesNoRoomNameIsRefused() {
        assertThatThrownBy(() -> new RoomLayout(2, 1, 2, "x".repeat(40), i -> "u" + i))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
