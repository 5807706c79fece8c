package io.tcpchat.client.rooms;

import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomsStateTests {

    static final Instant TS = Instant.parse("2026-01-01T10:00:00Z");

    static ServerEvent.Welcome welcome(List<String> features, String... rooms) {
        return new ServerEvent.Welcome(1, "ada", "s", "x", null, features, List.of(rooms), null, null);
    }

    static ServerEvent.ChatMessage msg(long seq, String room) {
        return new ServerEvent.ChatMessage(seq, TS, "bob", "m" + seq, null, room, null);
    }

    @Test
    void withoutTheFeatureEverythingIsShownAndNothingCounted() {
        RoomsState state = new RoomsState();
        state.welcome(welcome(List.of(), "#dev"));
        assertThat(state.enabled()).isFalse();
        assertThat(state.mine()).containsExactly("#lobby");
        assertThat(state.arrive(msg(1, "#dev"))).isTrue();
        assertThat(state.label()).isEmpty();
        assertThat(state.wireRoom()).isNull();
    }

    @Test
    void thePromptLabelNamesTheCurrentRoomAndTheUnreadOnes() {
        RoomsState state = new RoomsState();
        state.welcome(welcome(List.of("rooms"), "#lobby", "#Dev", "#ops"));
        assertThat(state.mine()).containsExactly("#lobby", "#dev", "#ops");
        assertThat(state.label()).isEqualTo("#lobby");
        state.switchTo("#dev");
        assertThat(state.wireRoom()).isEqualTo("#dev");
        for (int i = 0; i < 3; i++) {
            assertThat(state.arrive(msg(10 + i, "#ops"))).isFalse();
        }
        assertThat(state.arrive(msg(20, null))).isFalse(); // a lobby message: no room on the wire
        assertThat(state.arrive(msg(21, "#dev"))).isTrue();
        assertThat(state.arrive(new ServerEvent.ChatMessage(22, TS, "bob", "dm", "ada"))).isTrue();
        assertThat(state.label()).isEqualTo("#dev [#lobby 1, #ops 3]");
        assertThat(state.unread()).extracting(RoomsState.Unread::count).containsExactly(1, 0, 3);
    }

    @Test
    void aSwitchHandsOverTheLast200UnseenLines() {
        RoomsState state = new RoomsState();
        state.welcome(welcome(List.of("rooms"), "#lobby", "#ops"));
        for (int i = 1; i <= RoomsState.KEEP + 5; i++) {
            state.arrive(msg(i, "#ops"));
        }
        RoomsState.Unseen unseen = state.switchTo("#OPS");
        assertThat(unseen.events()).hasSize(RoomsState.KEEP);
        assertThat(unseen.events().getFirst().seq()).isEqualTo(6);
        assertThat(unseen.dropped()).isEqualTo(5);
        assertThat(state.switchTo("#lobby").events()).isEmpty();
        assertThat(state.switchTo("#ops").events()).isEmpty(); // seen once is seen
        assertThatThrownBy(() -> state.switchTo("#nowhere")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysWalkTheRoomsRoundAndByNumber() {
        RoomsState state = new RoomsState();
        state.welcome(welcome(List.of("rooms"), "#lobby", "#a", "#b"));
        assertThat(state.neighbour(1)).isEqualTo("#a");
        assertThat(state.neighbour(-1)).isEqualTo("#b");
        assertThat(state.numbered(3)).isEqualTo("#b");
        assertThat(state.numbered(4)).isNull();
    }

    @Test
    void membershipFollowsRoomEventsAndAReconnectKeepsWhatWasUnread() {
        RoomsState state = new RoomsState();
        state.welcome(welcome(List.of("rooms"), "#lobby", "#dev"));
        state.joined("#dev", List.of(new ServerEvent.Member("ada", true, true)));
        state.apply(new ServerEvent.RoomJoined(1, TS, "#dev", "carol", null), "ada");
        assertThat(state.members("#dev")).containsExactly("ada", "carol");
        state.arrive(msg(2, "#dev"));

        state.welcome(welcome(List.of("rooms"), "#lobby", "#dev", "#new"));
        assertThat(state.label()).isEqualTo("#lobby [#dev 1]");

        state.switchTo("#dev");
        state.apply(new ServerEvent.RoomLeft(3, TS, "#dev", "ada", "ban", "carol", null), "ada");
        assertThat(state.current()).isEqualTo("#lobby");
        assertThat(state.mine()).containsExactly("#lobby", "#new");
        state.apply(new ServerEvent.RoomClosed(4, TS, "#new", "root", null), "ada");
        assertThat(state.mine()).containsExactly("#lobby");
        assertThat(state.label()).isEmpty();
    }

    @Test
    void theLastListCompletesJoin() {
        RoomsState state = new RoomsState();
        state.welcome(welcome(List.of("rooms"), "#lobby", "#dev"));
        state.listed(List.of(new ServerEvent.RoomInfo("#zoo", 3, null, false, false)));
        assertThat(state.known()).containsExactly("#dev", "#lobby", "#zoo");
    }
}
