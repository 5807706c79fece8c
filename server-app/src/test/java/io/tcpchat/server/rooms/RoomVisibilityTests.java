package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees a room's events (docs/protocol.md, "Rooms", visibility): members from their join to
 * their leave, live, in history and in since-replay, and nobody else; every frame a non-member
 * receives is checked, not only the expected ones.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.rooms.create=everyone",
        "chat.limits.rate=0"})
class RoomVisibilityTests {

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    io.tcpchat.server.session.SessionRegistry registry;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void aRoomsMessagesReachItsMembersOnlyLiveInHistoryAndInReplay() throws Exception {
        try (var ada = TestClient.loginRooms(port, "vada"); var bob = TestClient.loginRooms(port, "vbob");
             var cy = TestClient.loginRooms(port, "vcy"); var dan = TestClient.login(port, "vdan")) {
            assertThat(ada.welcome().features()).containsExactly("rooms");
            assertThat(ada.welcome().rooms()).containsExactly("#lobby");
            ServerEvent.RoomState created = (ServerEvent.RoomState) ada.request(new ClientEvent.Join("#Dev", "j1"));
            assertThat(created.room()).isEqualTo("#dev");
            assertThat(created.created()).isTrue();
            assertThat(created.members()).containsExactly(new ServerEvent.Member("vada", true, true));
            ServerEvent.RoomState joined = (ServerEvent.RoomState) bob.request(new ClientEvent.Join("#dev", "j2"));
            assertThat(joined.seq()).isNotNull();
            assertThat(joined.created()).isNull();
            assertThat(ada.await(ServerEvent.RoomJoined.class).user()).isEqualTo("vbob");

            long msgSeq = ((ServerEvent.Ack) ada.request(new ClientEvent.Send("build is green", null, "#dev", null, "m1")))
                    .seq();
            ServerEvent.ChatMessage got = bob.await(ServerEvent.ChatMessage.class);
            assertThat(got.room()).isEqualTo("#dev");
            assertThat(got.seq()).isEqualTo(msgSeq);
            // the lobby goes on for everyone, the base client included
            long lobbySeq = ((ServerEvent.Ack) cy.request(new ClientEvent.Send("waves", null, null, "action", "m2"))).seq();
            ServerEvent.ChatMessage action = dan.await(ServerEvent.ChatMessage.class);
            assertThat(action.kind()).isEqualTo("action");
            assertThat(action.room()).isNull();

            // nothing of #dev reached the non-member and the base client
            for (TestClient outsider : List.of(cy, dan)) {
                assertThat(seen(outsider)).noneMatch(e -> mentionsDev(e));
            }
            // history: the room's for members only; the default set has no room's events
            var page = (ServerEvent.HistoryPage) bob.request(new ClientEvent.HistoryQuery(null, 50, "#dev", "h1"));
            assertThat(page.events()).extracting(ServerEvent.Stored::seq).contains(msgSeq);
            assertThat(cy.request(new ClientEvent.HistoryQuery(null, 50, "#dev", "h2")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("not_found"));
            var lobby = (ServerEvent.HistoryPage) cy.request(new ClientEvent.HistoryQuery(null, 50, null, "h3"));
            assertThat(lobby.events()).noneMatch(RoomVisibilityTests::mentionsDev);
            assertThat(lobby.events()).extracting(ServerEvent.Stored::seq).contains(lobbySeq);

            // a base client naming a room is refused rather than posting to the lobby
            dan.send(new ClientEvent.Send("hi", null, "#dev", null, "b1"));
            assertThat(dan.awaitError("bad_request").ref()).isEqualTo("b1");
            dan.send(new ClientEvent.Join("#dev", "b2"));
            assertThat(dan.awaitError("bad_request").ref()).isEqualTo("b2");
        }
        // since-replay: a member gets the room's events, the others do not (once the server has
        // seen the old connections close: a name is free only then)
        org.awaitility.Awaitility.await().atMost(TestClient.TIMEOUT).until(() ->
                registry.online("vbob") == null && registry.online("vcy") == null && registry.online("vdan") == null);
        try (var bob = TestClient.loginRooms(port, "vbob", null, 0L); var cy = TestClient.loginRooms(port, "vcy", null, 0L);
             var dan = TestClient.connect(port)) {
            dan.send(new ClientEvent.Hello(1, "vdan", null, null, 0L, null));
            assertThat(bob.welcome().rooms()).containsExactly("#lobby", "#dev");
            assertThat(seen(bob)).anyMatch(e -> e instanceof ServerEvent.ChatMessage m && "#dev".equals(m.room()));
            assertThat(seen(cy)).noneMatch(RoomVisibilityTests::mentionsDev);
            assertThat(seen(dan)).noneMatch(RoomVisibilityTests::mentionsDev)
                    .noneMatch(e -> e instanceof ServerEvent.RoomEvent);
        }
    }

    @Test
    void aLaterJoinerAndAFormerMemberSeeExactlyTheirSpan() throws Exception {
        try (var ada = TestClient.loginRooms(port, "sada"); var bob = TestClient.loginRooms(port, "sbob")) {
            ada.request(new ClientEvent.Join("#span", "j1"));
            bob.request(new ClientEvent.Join("#span", "j2"));
            long before = ((ServerEvent.Ack) ada.request(new ClientEvent.Send("one", null, "#span", null, "m1"))).seq();
            bob.await(ServerEvent.ChatMessage.class, m -> m.seq() == before);
            long part = ((ServerEvent.Ack) bob.request(new ClientEvent.Part("#span", "bye", "p1"))).seq();
            long after = ((ServerEvent.Ack) ada.request(new ClientEvent.Send("two", null, "#span", null, "m2"))).seq();
            assertThat(seen(bob)).noneMatch(e -> e instanceof ServerEvent.Stored s && s.seq() == after);
            try (var cy = TestClient.loginRooms(port, "scy")) {
                cy.request(new ClientEvent.Join("#span", "j3"));
                var cyPage = (ServerEvent.HistoryPage) cy.request(new ClientEvent.HistoryQuery(null, 50, "#span", "h1"));
                assertThat(cyPage.events()).extracting(ServerEvent.Stored::seq).doesNotContain(before, after);
            }
            var bobPage = (ServerEvent.HistoryPage) bob.request(new ClientEvent.HistoryQuery(null, 50, "#span", "h2"));
            assertThat(bobPage.events()).extracting(ServerEvent.Stored::seq).contains(before, part).doesNotContain(after);
        }
    }

    @Test
    void aRoomsFileIsAnnouncedToAndFetchedByItsMembersOnly() throws Exception {
        try (var ada = TestClient.loginRooms(port, "fada"); var bob = TestClient.loginRooms(port, "fbob");
             var cy = TestClient.loginRooms(port, "fcy")) {
            ada.request(new ClientEvent.Join("#files", "j1"));
            bob.request(new ClientEvent.Join("#files", "j2"));
            byte[] bytes = "room file".getBytes();
            cy.send(new ClientEvent.Upload("x.txt", (long) bytes.length, RoomFiles.sha256(bytes), null, "#files", "u0"));
            assertThat(cy.awaitError("forbidden").ref()).isEqualTo("u0");
            ServerEvent.Ack ack = RoomFiles.upload(ada, "x.txt", bytes, "#files");
            ServerEvent.FileAvailable file = bob.await(ServerEvent.FileAvailable.class);
            assertThat(file.room()).isEqualTo("#files");
            assertThat(file.file()).isEqualTo(ack.file());
            assertThat(RoomFiles.download(bob, file.file())).isEqualTo(bytes);
            cy.send(new ClientEvent.Download(file.file(), null, "d1"));
            assertThat(cy.awaitError("not_found").ref()).isEqualTo("d1");
            assertThat(seen(cy)).noneMatch(e -> e instanceof ServerEvent.FileAvailable);
        }
    }

    /** Everything the client received so far, skipped answers included. */
    private static List<ServerEvent> seen(TestClient c) throws Exception {
        List<ServerEvent> all = new java.util.ArrayList<>(c.skipped());
        all.addAll(c.drain());
        return all;
    }

    private static boolean mentionsDev(ServerEvent e) {
        return switch (e) {
            case ServerEvent.ChatMessage m -> m.room() != null || m.text().contains("green");
            case ServerEvent.RoomEvent r -> true;
            case ServerEvent.FileAvailable f -> f.room() != null;
            default -> false;
        };
    }
}
