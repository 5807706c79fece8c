package io.tcpchat.client.session;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.ConnectionSettings;
import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.client.connection.FakeServer;
import io.tcpchat.client.rooms.Rooms;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Rooms in the session against a scripted server: where lines go, what is shown, what waits unseen. */
class RoomsSessionTests {

    static final Instant TS = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;
    final FakeServer server = new FakeServer();
    final View view = new View();
    ChatSession session;
    FakeServer.Peer peer;

    RoomsSessionTests() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        if (session != null) {
            session.close();
        }
    }

    void online(boolean lazy, String... rooms) throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("localhost", server.port(), "ada", null, false);
        session = new ChatSession(new ChatSession.Config(settings, dir.resolve("downloads"), 0, lazy));
        session.setView(view);
        if (lazy) {
            return;
        }
        CompletableFuture<ServerEvent.Welcome> welcome = async(session::connect);
        peer = server.accept();
        ClientEvent.Hello hello = rooms == null ? peer.welcome("ada") : peer.welcomeWithRooms("ada", rooms);
        assertThat(hello.features()).containsExactly("rooms"); // always asked for
        welcome.get(10, TimeUnit.SECONDS);
        peer.expect(ClientEvent.Who.class);
    }

    @Test
    void joiningMakesTheRoomCurrentAndPlainLinesGoThere() throws Exception {
        online(false, "#lobby");
        assertThat(session.rooms().state().label()).isEmpty(); // only #lobby: the prompt stays as it was

        CompletableFuture<ServerEvent.RoomState> joined = async(() -> session.rooms().join("Dev"));
        ClientEvent.Join join = peer.expect(ClientEvent.Join.class);
        assertThat(join.room()).isEqualTo("#dev");
        peer.send(new ServerEvent.RoomState(join.ref(), "#dev", 5L, true, null, false, true,
                List.of(new ServerEvent.Member("ada", true, true)), List.of(), List.of()));
        joined.get(10, TimeUnit.SECONDS);
        session.rooms().state().switchTo("#dev");
        assertThat(session.rooms().state().label()).isEqualTo("#dev");

        CompletableFuture<Long> said = async(() -> session.say("build is green"));
        ClientEvent.Send send = peer.expect(ClientEvent.Send.class);
        assertThat(send.room()).isEqualTo("#dev");
        assertThat(send.kind()).isNull();
        peer.send(new ServerEvent.Ack(send.ref(), 6L, null));
        assertThat(said.get(10, TimeUnit.SECONDS)).isEqualTo(6L);

        CompletableFuture<Long> action = async(() -> session.say("waves", "action"));
        ClientEvent.Send act = peer.expect(ClientEvent.Send.class);
        assertThat(act.kind()).isEqualTo("action");
        assertThat(act.room()).isEqualTo("#dev");
        peer.send(new ServerEvent.Ack(act.ref(), 7L, null));
        action.get(10, TimeUnit.SECONDS);

        CompletableFuture<Long> direct = async(() -> session.send("psst", "bob"));
        ClientEvent.Send dm = peer.expect(ClientEvent.Send.class);
        assertThat(dm.to()).isEqualTo("bob");
        assertThat(dm.room()).isNull(); // room and to together are a bad request
        peer.send(new ServerEvent.Ack(dm.ref(), 8L, null));
        direct.get(10, TimeUnit.SECONDS);

        session.rooms().state().switchTo("#lobby");
        CompletableFuture<Long> lobby = async(() -> session.say("back in the lobby"));
        ClientEvent.Send inLobby = peer.expect(ClientEvent.Send.class);
        assertThat(inLobby.room()).isNull(); // #lobby is the absence of room
        peer.send(new ServerEvent.Ack(inLobby.ref(), 9L, null));
        lobby.get(10, TimeUnit.SECONDS);
    }

    @Test
    void otherRoomsCountUnreadAndKeepTheirLinesForTheSwitch() throws Exception {
        online(false, "#lobby", "#dev", "#ops");
        peer.send(new ServerEvent.ChatMessage(10, TS, "bob", "in the lobby", null));
        peer.send(new ServerEvent.ChatMessage(11, TS, "bob", "deploy at 5", null, "#ops", null));
        peer.send(new ServerEvent.ChatMessage(12, TS, "cy", "ada, can you look?", null, "#ops", null));
        peer.send(new ServerEvent.RoomTopic(13, TS, "#dev", "cy", "release friday"));
        peer.send(new ServerEvent.ChatMessage(14, TS, "bob", "only for you", "ada"));
        await().until(() -> view.shown.size() == 2);
        assertThat(view.shown).extracting(ServerEvent.Stored::seq).containsExactly(10L, 14L);
        assertThat(view.elsewhere).extracting(ServerEvent.Stored::seq).containsExactly(11L, 12L, 13L);
        assertThat(session.rooms().state().label()).isEqualTo("#lobby [#ops 2]"); // a topic is no message

        var unseen = session.rooms().state().switchTo("#ops");
        assertThat(unseen.events()).extracting(ServerEvent.Stored::seq).containsExactly(11L, 12L);
        assertThat(session.rooms().state().label()).isEqualTo("#ops");
        peer.send(new ServerEvent.ChatMessage(15, TS, "bob", "here now", null, "#ops", null));
        peer.send(new ServerEvent.ChatMessage(16, TS, "bob", "lobby again", null));
        await().until(() -> view.shown.size() == 3);
        assertThat(view.shown.getLast().seq()).isEqualTo(15L);
        await().until(() -> session.rooms().state().label().equals("#ops [#lobby 1]"));
    }

    @Test
    void kickedFromTheCurrentRoomFallsBackToTheLobbyAndSaysSo() throws Exception {
        online(false, "#lobby", "#dev");
        session.rooms().state().switchTo("#dev");
        peer.send(new ServerEvent.ChatMessage(19, TS, "bob", "meanwhile in the lobby", null));
        peer.send(new ServerEvent.RoomLeft(20, TS, "#dev", "ada", "kick", "alice", "off topic"));
        await().until(() -> view.shown.size() == 2);
        assertThat(view.shown.getFirst()).isInstanceOf(ServerEvent.RoomLeft.class);
        assertThat(view.shown.get(1).seq()).isEqualTo(19L); // back in the lobby: what was missed there
        assertThat(session.rooms().state().current()).isEqualTo("#lobby");
        assertThat(session.rooms().state().mine()).containsExactly("#lobby");

        // an invite to a room the user is not in is shown at once: there is no room to keep it in
        peer.send(new ServerEvent.RoomInvite(21, TS, "#ops", "bob", "ada"));
        await().until(() -> view.shown.size() == 3);
    }

    @Test
    void withoutRoomsOnTheServerRoomCommandsSaySoAndNothingIsSent() throws Exception {
        online(false, (String[]) null);
        assertThat(session.rooms().state().enabled()).isFalse();
        assertThatThrownBy(() -> session.rooms().join("#dev")).hasMessage(Rooms.NO_ROOMS);
        assertThatThrownBy(() -> session.rooms().list(null)).hasMessage(Rooms.NO_ROOMS);
        CompletableFuture<Long> said = async(() -> session.say("plain as ever"));
        ClientEvent.Send send = peer.expect(ClientEvent.Send.class); // the next frame: no join went out
        assertThat(send.room()).isNull();
        peer.send(new ServerEvent.Ack(send.ref(), 3L, null));
        said.get(10, TimeUnit.SECONDS);
    }

    @Test
    void roomNamesAreCheckedBeforeAnythingIsSent() throws Exception {
        online(false, "#lobby");
        assertThatThrownBy(() -> session.rooms().join("#no spaces")).hasMessageContaining("is no room name");
        assertThatThrownBy(() -> session.rooms().part("#lobby", null)).hasMessageContaining("cannot be left");
        assertThatThrownBy(() -> session.rooms().mode("#dev", "+x")).hasMessageContaining("mode +i|-i|+t|-t");
    }

    @Test
    void modeChangesAndModerationGoOutAsTheirRequests() throws Exception {
        online(false, "#lobby", "#dev");
        CompletableFuture<Void> mode = async(() -> {
            session.rooms().mode("#dev", "+i-t");
            return null;
        });
        ClientEvent.Mode m = peer.expect(ClientEvent.Mode.class);
        assertThat(m.inviteOnly()).isTrue();
        assertThat(m.topicLock()).isFalse();
        peer.send(new ServerEvent.Ack(m.ref(), 30L, null));
        mode.get(10, TimeUnit.SECONDS);

        CompletableFuture<Void> kick = async(() -> {
            session.rooms().kick("#dev", "carol", "off topic");
            return null;
        });
        ClientEvent.Kick k = peer.expect(ClientEvent.Kick.class);
        assertThat(k).isEqualTo(new ClientEvent.Kick("#dev", "carol", "off topic", k.ref()));
        peer.send(ServerEvent.ErrorEvent.of(io.tcpchat.protocol.ErrorCode.FORBIDDEN, "you are no operator of #dev",
                k.ref()));
        assertThat(kick).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .withMessageContaining("Not allowed: you are no operator of #dev.");

        // our own kick, replayed after a reconnect, is not news
        peer.send(new ServerEvent.RoomMode(30, TS, "#dev", "ada", true, false));
        peer.send(new ServerEvent.ChatMessage(31, TS, "bob", "next", null));
        await().until(() -> !view.shown.isEmpty());
        assertThat(view.shown).extracting(ServerEvent.Stored::seq).containsExactly(31L);
    }

    /** {@code chat --room #builds send green}: connected, joined, then sent there. */
    @Test
    void oneShotWithARoomJoinsItFirst() throws Exception {
        online(true);
        session.useRoom("builds");
        CompletableFuture<Long> sent = async(() -> session.send("green", null));
        FakeServer.Peer p = server.accept();
        p.welcomeWithRooms("ada", "#lobby");
        p.expect(ClientEvent.Who.class); // the one sent on login
        ClientEvent.Join join = p.expect(ClientEvent.Join.class);
        assertThat(join.room()).isEqualTo("#builds");
        p.send(new ServerEvent.RoomState(join.ref(), "#builds", 40L, null, null, false, true,
                List.of(new ServerEvent.Member("ada", false, true)), null, null));
        ClientEvent.Send send = p.expect(ClientEvent.Send.class);
        assertThat(send.room()).isEqualTo("#builds");
        p.send(new ServerEvent.Ack(send.ref(), 41L, null));
        assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo(41L);
        assertThat(session.state()).isEqualTo(ConnectionState.ONLINE);
    }

    <T> CompletableFuture<T> async(Call<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.run();
            } catch (ChatException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    interface Call<T> {
        T run() throws ChatException;
    }

    static final class View implements SessionView {
        final List<ServerEvent.Stored> shown = new CopyOnWriteArrayList<>();
        final List<ServerEvent.Stored> elsewhere = new CopyOnWriteArrayList<>();

        @Override
        public void show(ServerEvent.Stored event) {
            shown.add(event);
        }

        @Override
        public void elsewhere(String room, ServerEvent.Stored event) {
            elsewhere.add(event);
        }

        @Override
        public void info(String text) {
        }

        @Override
        public void warn(String text) {
        }

        @Override
        public void stateChanged(ConnectionState state, String detail) {
        }
    }
}
