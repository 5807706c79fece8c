package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.EventDraft;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of rooms as a fold: each decision against the book every earlier one left. */
class RoomDeciderTests {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final RoomBook book = new RoomBook(Duration.ofDays(7));
    private final RoomDecider decider = new RoomDecider(book, new RoomSettings(true, ChatProperties.Rooms.Create.REGISTERED,
            3, 2, 2, 3, 300, Duration.ofDays(7)), Set.of("root")::contains);

    private List<EventDraft> decide(String actor, ClientEvent.RoomRequest r) throws RequestException {
        return decide(actor, false, r, NOW);
    }

    private List<EventDraft> decide(String actor, boolean admin, ClientEvent.RoomRequest r, Instant now)
            throws RequestException {
        return decider.decide(new EventDraft.RoomRequest(actor, admin, true, r), now);
    }

    private static ServerEvent.RoomEvent event(List<EventDraft> drafts, int i) {
        return ((EventDraft.RoomChange) drafts.get(i)).event();
    }

    private void refused(String actor, ClientEvent.RoomRequest r, ErrorCode code) {
        assertThatThrownBy(() -> decide(actor, r)).isInstanceOfSatisfying(RequestException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void theCreatorIsTheFirstOperatorAndRoomIdsFollowTheHighestGiven() throws Exception {
        List<EventDraft> first = decide("ada", new ClientEvent.Join("#a", null));
        assertThat(event(first, 0)).isInstanceOfSatisfying(ServerEvent.RoomJoined.class,
                j -> assertThat(j.created()).isTrue());
        assertThat(first.getFirst().roomId()).isEqualTo(2);
        assertThat(book.room("#a").op("ada")).isTrue();
        assertThat(decide("bob", new ClientEvent.Join("#b", null)).getFirst().roomId()).isEqualTo(3);
        // a second join by a member stores nothing
        assertThat(decide("ada", new ClientEvent.Join("#a", null))).isEmpty();
    }

    @Test
    void moderationNeedsAnOperatorAndNeverReachesAnAdministrator() throws Exception {
        decide("ada", new ClientEvent.Join("#a", null));
        decide("bob", new ClientEvent.Join("#a", null));
        decide("root", new ClientEvent.Join("#a", null));
        refused("bob", new ClientEvent.Kick("#a", "ada", null, null), ErrorCode.FORBIDDEN);
        refused("ada", new ClientEvent.Kick("#a", "root", null, null), ErrorCode.FORBIDDEN);
        refused("ada", new ClientEvent.Kick("#a", "zed", null, null), ErrorCode.NOT_FOUND);
        List<EventDraft> ban = decide("ada", new ClientEvent.Ban("#a", "BOB", "spam", null));
        assertThat(ban).hasSize(2);
        assertThat(event(ban, 0)).isInstanceOf(ServerEvent.RoomBan.class);
        assertThat(event(ban, 1)).isInstanceOfSatisfying(ServerEvent.RoomLeft.class,
                l -> assertThat(l.user()).isEqualTo("bob"));
        refused("bob", new ClientEvent.Join("#a", null), ErrorCode.BANNED);
        // an administrator acts without being a member, a non-member's post is refused
        assertThat(decide("root", true, new ClientEvent.Unban("#a", "bob", null), NOW)).hasSize(1);
        assertThatThrownBy(() -> decider.checkPost("bob", "#a", null)).isInstanceOfSatisfying(RequestException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }

    @Test
    void invitesAreUsedUpAndExpire() throws Exception {
        decide("ada", new ClientEvent.Join("#a", null));
        decide("ada", new ClientEvent.Mode("#a", true, null, null));
        refused("bob", new ClientEvent.Join("#a", null), ErrorCode.INVITE_ONLY);
        decide("ada", new ClientEvent.Invite("#a", "bob", null));
        assertThat(decide("bob", new ClientEvent.Join("#a", null))).hasSize(1);
        decide("bob", new ClientEvent.Part("#a", null, null));
        refused("bob", new ClientEvent.Join("#a", null), ErrorCode.INVITE_ONLY);
        // an invite made now is void eight days later
        decide("ada", new ClientEvent.Invite("#a", "cy", null));
        assertThatThrownBy(() -> decide("cy", false, new ClientEvent.Join("#a", null), NOW.plus(Duration.ofDays(8))))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVITE_ONLY));
    }

    @Test
    void limitsAreCountedFromTheBook() throws Exception {
        decide("ada", new ClientEvent.Join("#a", null));
        decide("ada", new ClientEvent.Join("#b", null));
        refused("ada", new ClientEvent.Join("#c", null), ErrorCode.RATE_LIMITED);
        // an hour later the bucket has refilled, the rooms-per-user limit (3) still holds
        assertThat(decide("ada", false, new ClientEvent.Join("#c", null), NOW.plus(Duration.ofHours(1)))).hasSize(1);
        assertThatThrownBy(() -> decide("ada", false, new ClientEvent.Join("#d", null), NOW.plus(Duration.ofHours(2))))
                .isInstanceOfSatisfying(RequestException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
        decide("bob", new ClientEvent.Join("#a", null));
        decide("cy", new ClientEvent.Join("#a", null));
        refused("dan", new ClientEvent.Join("#a", null), ErrorCode.ROOM_FULL);
        assertThat(decide("root", true, new ClientEvent.Join("#a", null), NOW)).hasSize(1);
    }

    @Test
    void aClosedRoomFreesItsNameAndEndsEveryMembership() throws Exception {
        decide("ada", new ClientEvent.Join("#a", null));
        decide("bob", new ClientEvent.Join("#a", null));
        refused("ada", new ClientEvent.Close("#a", null, null), ErrorCode.FORBIDDEN);
        List<EventDraft> close = decide("root", true, new ClientEvent.Close("#a", "done", null), NOW);
        assertThat(close.getFirst().roomId()).isEqualTo(2);
        assertThat(book.roomsOf("bob")).isEmpty();
        refused("bob", new ClientEvent.Part("#a", null, null), ErrorCode.NOT_FOUND);
        List<EventDraft> again = decide("bob", new ClientEvent.Join("#a", null));
        assertThat(again.getFirst().roomId()).isEqualTo(3);
        assertThat(book.room("#a").ops).containsOnlyKeys("bob");
    }

    @Test
    void requestsThatChangeNothingStoreNothing() throws Exception {
        decide("ada", new ClientEvent.Join("#a", null));
        assertThat(decide("ada", new ClientEvent.Mode("#a", false, true, null))).isEmpty();
        assertThat(decide("ada", new ClientEvent.Op("#a", "ada", null))).isEmpty();
        assertThat(decide("ada", new ClientEvent.Unban("#a", "zed", null))).isEmpty();
        assertThat(decide("ada", new ClientEvent.Topic("#a", "", null))).isEmpty();
    }

    @Test
    void aBanInTheLobbyMutesThatNameOnly() throws Exception {
        assertThat(decider.checkPost("bob", null, null)).isZero();
        refused("ada", new ClientEvent.Ban("#lobby", "bob", null, null), ErrorCode.FORBIDDEN);
        assertThat(decide("root", true, new ClientEvent.Ban("#lobby", "BOB", "spam", null), NOW)).hasSize(1);
        assertThatThrownBy(() -> decider.checkPost("Bob", null, null)).isInstanceOfSatisfying(RequestException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BANNED));
        assertThat(decider.checkPost("ada", null, null)).isZero();
    }
}
