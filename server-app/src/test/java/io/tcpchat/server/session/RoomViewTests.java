package io.tcpchat.server.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection's rooms by live-log index, and the log's per-entry test that reads them. */
class RoomViewTests {

    @Test
    void aMembershipCoversItsIndicesOnly() {
        RoomView v = RoomView.EMPTY.joined(7, 100, 0);
        assertThat(v.contains(7, 99)).isFalse();
        assertThat(v.contains(7, 100)).isTrue();
        assertThat(v.contains(8, 100)).isFalse();
        RoomView left = v.left(7, 150, 0);
        assertThat(left.contains(7, 150)).as("the leave itself is seen").isTrue();
        assertThat(left.contains(7, 151)).isFalse();
        // joined again: both spans, and the one behind the cursor goes at the next change
        RoomView again = left.joined(7, 200, 0);
        assertThat(again.contains(7, 120)).isTrue();
        assertThat(again.contains(7, 170)).isFalse();
        assertThat(again.contains(7, 250)).isTrue();
        assertThat(again.joined(9, 300, 160).size()).isEqualTo(2);
    }

    @Test
    void theLogShowsARoomsEntryToItsMembersButTheAuthorAndNothingOfRoomsToBaseSessions() {
        EncodedLog log = new EncodedLog(16);
        long lobby = log.append(new byte[] {1}, "ada", null);
        long room = log.append(new byte[] {2}, "ada", null, 7, false);
        long ext = log.append(new byte[] {3}, "ada", null, 0, true);
        long invite = log.append(new byte[] {4}, "ada", "cy", 7, true);
        log.publish();
        RoomView bobs = RoomView.EMPTY.joined(7, 0, 0);
        RoomView adas = RoomView.EMPTY.joined(7, 0, 0);
        assertThat(log.visibleTo(lobby, "bob", null)).isTrue();
        assertThat(log.visibleTo(room, "bob", null)).as("base session, room entry").isFalse();
        assertThat(log.visibleTo(ext, "bob", null)).as("base session, extension type").isFalse();
        assertThat(log.visibleTo(room, "bob", bobs)).isTrue();
        assertThat(log.visibleTo(room, "ada", adas)).as("the author").isFalse();
        assertThat(log.visibleTo(room, "cy", RoomView.EMPTY)).as("a non-member").isFalse();
        assertThat(log.visibleTo(invite, "cy", RoomView.EMPTY)).as("the invitee").isTrue();
        assertThat(log.visibleTo(ext, "bob", bobs)).isTrue();
    }
}
