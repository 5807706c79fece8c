package io.tcpchat.client.session;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.ConnectionSettings;
import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.client.connection.FakeServer;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The session against a scripted server: what it shows, what it fetches, what it refuses itself. */
class ChatSessionTests {

    static final Instant TS = Instant.parse("2026-01-01T10:00:00Z");

    @TempDir
    Path dir;
    final FakeServer server = new FakeServer();
    final View view = new View();
    ChatSession session;
    FakeServer.Peer peer;

    ChatSessionTests() throws Exception {
    }

    void online(long autoDownloadLimit) throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("localhost", server.port(), "ada", null, false);
        session = new ChatSession(new ChatSession.Config(settings, dir.resolve("downloads"), autoDownloadLimit, false));
        session.setView(view);
        CompletableFuture<ServerEvent.Welcome> welcome = CompletableFuture.supplyAsync(() -> {
            try {
                return session.connect();
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
        peer = server.accept();
        peer.welcome("ada");
        welcome.get(10, TimeUnit.SECONDS);
        // the session asks who is online as soon as it is in
        ClientEvent.Who who = peer.expect(ClientEvent.Who.class);
        peer.send(new ServerEvent.Users(List.of("ada", "bob"), who.ref()));
        await().until(() -> session.onlineUsers().contains("bob"));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        if (session != null) {
            session.close();
        }
    }

    <T> CompletableFuture<T> async(Call<T> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return call.run();
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    interface Call<T> {
        T run() throws ChatException;
    }

    @Test
    void mistakesAreCaughtBeforeAnythingIsSent() throws Exception {
        online(0);
        assertThatThrownBy(() -> session.send("   ", null)).hasMessage("Nothing to send.");
        assertThatThrownBy(() -> session.send("x".repeat(4001), null))
                .hasMessage("The message has 4001 characters; the server accepts up to 4000.");
        assertThatThrownBy(() -> session.send("hi me", "ADA"))
                .hasMessage("That is you: send a direct message to someone else.");
        assertThatThrownBy(() -> session.sendFile(dir.resolve("missing.txt"), null, (p, d, t) -> { }))
                .hasMessage("No such file: " + dir.resolve("missing.txt"));
    }

    @Test
    void ownMessagesAreNotShownAgainWhenReplayed() throws Exception {
        online(0);
        CompletableFuture<Long> sent = async(() -> session.send("hello", null));
        ClientEvent.Send send = peer.expect(ClientEvent.Send.class);
        assertThat(send.text()).isEqualTo("hello");
        peer.send(new ServerEvent.Ack(send.ref(), 5L, null));
        assertThat(sent.get(10, TimeUnit.SECONDS)).isEqualTo(5L);

        peer.send(new ServerEvent.ChatMessage(5, TS, "ada", "hello", null));
        peer.send(new ServerEvent.ChatMessage(6, TS, "bob", "hi ada", null));
        await().until(() -> !view.shown.isEmpty());
        assertThat(view.shown).extracting(ServerEvent.Stored::seq).containsExactly(6L);
    }

    @Test
    void presenceKeepsTheListOfUsers() throws Exception {
        online(0);
        peer.send(new ServerEvent.Joined(1, TS, "cy"));
        await().until(() -> session.onlineUsers().contains("cy"));
        peer.send(new ServerEvent.Left(2, TS, "bob", "bye"));
        await().until(() -> !session.onlineUsers().contains("bob"));
        assertThat(session.onlineUsers()).containsExactly("ada", "cy");
    }

    @Test
    void filesUpToTheLimitAreFetchedOnTheirOwn() throws Exception {
        online(10);
        byte[] data = "12345".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        peer.send(new ServerEvent.FileAvailable(3, TS, "bob", 77, "small.txt", 5, sha, null));

        ClientEvent.Download request = peer.expect(ClientEvent.Download.class);
        assertThat(request.file()).isEqualTo(77);
        assertThat(request.offset()).isZero();
        peer.send(new ServerEvent.DownloadStart(77, "small.txt", 5, sha, 0, request.ref()));
        peer.sendData(77, 0, data);
        peer.send(new ServerEvent.DownloadEnd(77, request.ref()));

        Path saved = dir.resolve("downloads").resolve("small.txt");
        await().untilAsserted(() -> assertThat(saved).hasBinaryContent(data));
        await().untilAsserted(() -> assertThat(view.infos).anyMatch(i -> i.startsWith("Saved " + saved)));

        peer.send(new ServerEvent.FileAvailable(4, TS, "bob", 78, "big.iso", 50, sha, null));
        await().untilAsserted(() -> assertThat(view.infos)
                .contains("/download 78 fetches it (50 B, over the automatic download limit of 10 B)."));
        assertThat(session.knownFiles()).extracting(ServerEvent.FileAvailable::name)
                .containsExactly("small.txt", "big.iso");
    }

    @Test
    void withoutAutoDownloadAFileIsAnnouncedWithTheCommandThatFetchesIt() throws Exception {
        online(0);
        peer.send(new ServerEvent.FileAvailable(3, TS, "bob", 77, "small.txt", 5, "ab", null));
        await().untilAsserted(() -> assertThat(view.infos).contains("/download 77 fetches it."));
        assertThat(view.shown).extracting(ServerEvent.Stored::seq).containsExactly(3L);
        // nothing was asked for: the next request the server sees is the test's own
        CompletableFuture<List<String>> who = async(session::who);
        ClientEvent.Who asked = peer.expect(ClientEvent.Who.class);
        peer.send(new ServerEvent.Users(List.of("ada"), asked.ref()));
        who.get(10, TimeUnit.SECONDS);
    }

    @Test
    void ownPresenceIsNotNewsEvenWhenReplayed() throws Exception {
        online(0);
        // a resumed session: the server replays our old session's end and this one's start
        peer.send(new ServerEvent.Left(7, TS, "ada", "disconnect"));
        peer.send(new ServerEvent.Joined(8, TS, "ADA"));
        peer.send(new ServerEvent.Joined(9, TS, "ada")); // after a hard kill: no left in between
        peer.send(new ServerEvent.Joined(10, TS, "cy"));
        await().until(() -> !view.shown.isEmpty());
        assertThat(view.shown).extracting(ServerEvent.Stored::seq).containsExactly(10L);
        assertThat(session.onlineUsers()).contains("ada", "cy");
    }

    /**
     * Lines said while reconnecting wait, and go out in their order once the session is back,
     * each after the previous one's ack; a line said while they go out queues behind them.
     */
    @Test
    void linesSaidWhileReconnectingGoOutInOrderOnceBack() throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("localhost", server.port(), "ada", null, true)
                .withTimings(Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(200));
        session = new ChatSession(new ChatSession.Config(settings, dir.resolve("downloads"), 0, false));
        session.setView(view);
        CompletableFuture<ServerEvent.Welcome> welcome = async(session::connect);
        peer = server.accept();
        peer.welcome("ada");
        welcome.get(10, TimeUnit.SECONDS);
        peer.expect(ClientEvent.Who.class);

        peer.close(); // the connection drops
        await().until(() -> session.state() == ConnectionState.RECONNECTING);
        for (int i = 1; i <= 5; i++) {
            assertThat(session.say("line " + i)).isNull();
        }
        assertThat(view.infos).contains("Not connected: kept (5 waiting); sent once the connection is back.");

        FakeServer.Peer back = server.accept();
        ClientEvent.Hello hello = back.welcome("ada");
        assertThat(hello.user()).isEqualTo("ada");
        back.expect(ClientEvent.Who.class);
        ClientEvent.Send first = back.expect(ClientEvent.Send.class);
        assertThat(first.text()).isEqualTo("line 1");
        // said while the others wait their turn: it goes last, not first
        CompletableFuture<Long> late = async(() -> session.say("said while flushing"));
        assertThat(late.get(10, TimeUnit.SECONDS)).isNull();
        back.send(new ServerEvent.Ack(first.ref(), 11L, null));
        long seq = 12;
        for (String text : List.of("line 2", "line 3", "line 4", "line 5", "said while flushing")) {
            ClientEvent.Send next = back.expect(ClientEvent.Send.class);
            assertThat(next.text()).isEqualTo(text);
            back.send(new ServerEvent.Ack(next.ref(), seq++, null));
        }
        await().untilAsserted(() -> assertThat(view.infos).contains("Sent the 6 lines typed while offline."));
    }

    @Test
    void anErrorNobodyWaitsForIsShown() throws Exception {
        online(0);
        peer.send(new ServerEvent.ErrorEvent("rate_limited", "10 requests a second", null, null));
        await().untilAsserted(() -> assertThat(view.warnings).contains("Slow down: 10 requests a second."));
    }

    @Test
    void oneShotUseConnectsOnTheFirstCommandThatNeedsTheServer() throws Exception {
        ConnectionSettings settings = ConnectionSettings.of("localhost", server.port(), "ada", null, false);
        session = new ChatSession(new ChatSession.Config(settings, dir, 0, true));
        assertThat(session.state()).isEqualTo(ConnectionState.OFFLINE);
        CompletableFuture<List<String>> who = async(session::who);
        FakeServer.Peer p = server.accept();
        p.welcome("ada");
        p.expect(ClientEvent.Who.class); // the one sent on login
        ClientEvent.Who asked = p.expect(ClientEvent.Who.class);
        p.send(new ServerEvent.Users(List.of("ada"), asked.ref()));
        assertThat(who.get(10, TimeUnit.SECONDS)).containsExactly("ada");
        assertThat(session.state()).isEqualTo(ConnectionState.ONLINE);
    }

    static final class View implements SessionView {
        final List<ServerEvent.Stored> shown = new CopyOnWriteArrayList<>();
        final List<String> infos = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();

        @Override
        public void show(ServerEvent.Stored event) {
            shown.add(event);
        }

        @Override
        public void info(String text) {
            infos.add(text);
        }

        @Override
        public void warn(String text) {
            warnings.add(text);
        }

        @Override
        public void stateChanged(ConnectionState state, String detail) {
        }
    }
}
