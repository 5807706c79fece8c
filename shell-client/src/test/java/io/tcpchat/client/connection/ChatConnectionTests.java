package io.tcpchat.client.connection;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ChatConnectionTests {

    static final Instant TS = Instant.parse("2026-01-01T10:00:00Z");

    final Recorder recorder = new Recorder();
    FakeServer server;
    ChatConnection connection;

    ChatConnection connection(String password, boolean reconnect, Duration ping) throws Exception {
        server = new FakeServer();
        ConnectionSettings settings = ConnectionSettings.of("localhost", server.port(), "ada", password, reconnect)
                .withTimings(ping, Duration.ofMillis(50), Duration.ofMillis(200));
        connection = new ChatConnection(settings, recorder);
        return connection;
    }

    /** Connects in the background while the test plays the server's part of the login. */
    FakeServer.Peer login() throws Exception {
        CompletableFuture<ServerEvent.Welcome> welcome = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.connect();
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
        FakeServer.Peer peer = server.accept();
        peer.welcome("ada");
        assertThat(welcome.get(10, TimeUnit.SECONDS).user()).isEqualTo("ada");
        return peer;
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void logsInAndGetsAnswersByRef() throws Exception {
        connection("pw", false, Duration.ofSeconds(30));
        CompletableFuture<ServerEvent.Welcome> welcome = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.connect();
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
        FakeServer.Peer peer = server.accept();
        ClientEvent.Hello hello = peer.welcome("Ada");
        assertThat(hello.v()).isEqualTo(1);
        assertThat(hello.user()).isEqualTo("ada");
        assertThat(hello.password()).isEqualTo("pw");
        assertThat(hello.since()).isNull();
        assertThat(welcome.get(10, TimeUnit.SECONDS).user()).isEqualTo("Ada");
        assertThat(connection.state()).isEqualTo(ConnectionState.ONLINE);

        CompletableFuture<ServerEvent> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.request(ref -> new ClientEvent.Who(ref));
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
        ClientEvent.Who who = peer.expect(ClientEvent.Who.class);
        assertThat(who.ref()).isNotBlank();
        peer.send(new ServerEvent.Users(List.of("Ada", "bob"), "someone-else"));
        peer.send(new ServerEvent.Users(List.of("Ada", "cy"), who.ref()));

        assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(new ServerEvent.Users(List.of("Ada", "cy"), who.ref()));
        await().untilAsserted(() -> assertThat(recorder.events)
                .contains(new ServerEvent.Users(List.of("Ada", "bob"), "someone-else")));
    }

    @Test
    void anErrorAnswerIsThrownInPlainWords() throws Exception {
        connection(null, false, Duration.ofSeconds(30));
        FakeServer.Peer peer = login();
        CompletableFuture<ServerEvent> answer = CompletableFuture.supplyAsync(() -> {
            try {
                return connection.request(ref -> new ClientEvent.Send("hi", "zed", ref));
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
        ClientEvent.Send send = peer.expect(ClientEvent.Send.class);
        peer.send(ServerEvent.ErrorEvent.of(ErrorCode.NOT_FOUND, "user zed is not online", send.ref()));

        assertThat(answer).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().isInstanceOf(ChatException.class)
                .withMessage("Not found: user zed is not online.");
    }

    @Test
    void aRefusedLoginSaysWhy() throws Exception {
        connection(null, true, Duration.ofSeconds(30));
        CompletableFuture<Void> attempt = CompletableFuture.runAsync(() -> {
            try {
                connection.connect();
            } catch (ChatException e) {
                throw new IllegalStateException(e);
            }
        });
        FakeServer.Peer peer = server.accept();
        peer.expect(ClientEvent.Hello.class);
        peer.send(ServerEvent.ErrorEvent.of(ErrorCode.NAME_TAKEN, "ada is online", null));
        peer.close();

        assertThat(attempt).failsWithin(Duration.ofSeconds(10)).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NAME_TAKEN);
                    assertThat(e.kind()).isEqualTo(ChatException.Kind.REFUSED);
                    assertThat(e.getMessage()).isEqualTo("Name in use: ada is online.");
                });
        assertThat(connection.state()).isEqualTo(ConnectionState.OFFLINE);
    }

    @Test
    void nothingListeningIsAConnectionProblem() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        connection = new ChatConnection(ConnectionSettings.of("localhost", port, "ada", null, false), recorder);
        assertThatThrownBy(connection::connect).isInstanceOfSatisfying(ChatException.class, e -> {
            assertThat(e.kind()).isEqualTo(ChatException.Kind.CONNECTION);
            assertThat(e.getMessage()).isEqualTo("Could not connect to localhost:" + port + " (connection refused).");
        });
    }

    @Test
    void afterADropItResumesWithSinceAndShowsNothingTwice() throws Exception {
        connection(null, true, Duration.ofSeconds(30));
        FakeServer.Peer first = login();
        first.send(new ServerEvent.ChatMessage(1, TS, "bob", "one", null));
        first.send(new ServerEvent.Joined(2, TS, "cy"));
        await().until(() -> recorder.seqs().size() == 2);
        first.close();

        FakeServer.Peer second = server.accept();
        ClientEvent.Hello hello = second.welcome("ada");
        assertThat(hello.since()).isEqualTo(2L);
        second.send(new ServerEvent.Joined(2, TS, "cy")); // already seen
        second.send(new ServerEvent.ChatMessage(3, TS, "bob", "three", null));

        await().untilAsserted(() -> assertThat(recorder.seqs()).containsExactly(1L, 2L, 3L));
        assertThat(recorder.states).containsSubsequence(ConnectionState.ONLINE, ConnectionState.RECONNECTING,
                ConnectionState.ONLINE);
        assertThat(recorder.resumed).containsExactly(false, true);
        assertThat(connection.lastSeq()).isEqualTo(3);
    }

    @Test
    void aWrongPasswordStopsTheReconnecting() throws Exception {
        connection("old", true, Duration.ofSeconds(30));
        login().close();

        FakeServer.Peer again = server.accept();
        again.expect(ClientEvent.Hello.class);
        again.send(ServerEvent.ErrorEvent.of(ErrorCode.AUTH_FAILED, null, null));
        again.close();

        await().untilAsserted(() -> assertThat(connection.state()).isEqualTo(ConnectionState.OFFLINE));
        assertThat(recorder.details).contains("Wrong password for this name.");
    }

    @Test
    void pingsAreAnsweredAndSilenceIsBrokenByPings() throws Exception {
        connection(null, false, Duration.ofMillis(300));
        FakeServer.Peer peer = login();
        peer.send(new ServerEvent.Ping("p1"));
        assertThat(peer.expect(ClientEvent.Pong.class).ref()).isEqualTo("p1");
        // nothing to say for a while: the client pings on its own
        ClientEvent.Ping ping = peer.expect(ClientEvent.Ping.class);
        assertThat(ping).isNotNull();
    }

    @Test
    void disconnectSaysByeAndStaysOffline() throws Exception {
        connection(null, true, Duration.ofSeconds(30));
        FakeServer.Peer peer = login();
        CompletableFuture<Void> leaving = CompletableFuture.runAsync(connection::disconnect);
        peer.expect(ClientEvent.Bye.class);
        peer.close();
        leaving.get(10, TimeUnit.SECONDS);
        assertThat(connection.state()).isEqualTo(ConnectionState.OFFLINE);
        assertThat(recorder.states).doesNotContain(ConnectionState.RECONNECTING);
    }

    @Test
    void dataFramesGoToTheListener() throws Exception {
        connection(null, false, Duration.ofSeconds(30));
        FakeServer.Peer peer = login();
        peer.sendData(9, 0, new byte[] {1, 2, 3});
        await().until(() -> !recorder.data.isEmpty());
        assertThat(recorder.data.getFirst().file()).isEqualTo(9);
        assertThat(recorder.data.getFirst().data()).containsExactly(1, 2, 3);
    }

    @Test
    void sendingWhileOfflineSaysSo() throws Exception {
        connection(null, false, Duration.ofSeconds(30));
        assertThatThrownBy(() -> connection.send(ref -> new ClientEvent.Who(ref)))
                .isInstanceOf(ChatException.class).hasMessage("Not connected (offline; use connect).");
    }

    static final class Recorder implements ChatConnection.Listener {
        final List<ServerEvent> events = new CopyOnWriteArrayList<>();
        final List<Frame.Data> data = new CopyOnWriteArrayList<>();
        final List<ConnectionState> states = new CopyOnWriteArrayList<>();
        final List<String> details = new CopyOnWriteArrayList<>();
        final List<Boolean> resumed = new CopyOnWriteArrayList<>();

        List<Long> seqs() {
            return events.stream().filter(e -> e instanceof ServerEvent.Stored)
                    .map(e -> ((ServerEvent.Stored) e).seq()).toList();
        }

        @Override
        public void onEvent(ServerEvent event) {
            events.add(event);
        }

        @Override
        public void onData(Frame.Data d) {
            data.add(d);
        }

        @Override
        public void onStateChanged(ConnectionState state, String detail) {
            states.add(state);
            if (detail != null) {
                details.add(detail);
            }
        }

        @Override
        public void onOnline(ServerEvent.Welcome welcome, boolean wasResumed) {
            resumed.add(wasResumed);
        }
    }
}
