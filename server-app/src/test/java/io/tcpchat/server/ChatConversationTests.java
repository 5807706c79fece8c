package io.tcpchat.server;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversations over real sockets with the default limits: the chat half of docs/protocol.md. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0"})
class ChatConversationTests {

    @Autowired
    ChatEndpoint endpoint;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void threeClientsBroadcastAndMessageDirectly() throws Exception {
        try (var ada = TestClient.login(port, "ada"); var bob = TestClient.login(port, "bob");
             var cy = TestClient.login(port, "cy")) {
            ada.await(ServerEvent.Joined.class, j -> j.user().equals("cy"));
            bob.await(ServerEvent.Joined.class, j -> j.user().equals("cy"));

            ada.send(new ClientEvent.Send("hello all", null, "m1"));
            ServerEvent.Ack ack = ada.nextSkippingPresence(ServerEvent.Ack.class);
            assertThat(ack.ref()).isEqualTo("m1");
            for (TestClient c : List.of(bob, cy)) {
                ServerEvent.ChatMessage m = c.nextSkippingPresence(ServerEvent.ChatMessage.class);
                assertThat(m.from()).isEqualTo("ada");
                assertThat(m.text()).isEqualTo("hello all");
                assertThat(m.seq()).isEqualTo(ack.seq());
                assertThat(m.to()).isNull();
            }

            bob.send(new ClientEvent.Send("just for you", "ADA", "d1"));
            long dmSeq = bob.nextSkippingPresence(ServerEvent.Ack.class).seq();
            ServerEvent.ChatMessage dm = ada.nextSkippingPresence(ServerEvent.ChatMessage.class);
            assertThat(dm.text()).isEqualTo("just for you");
            assertThat(dm.to()).isEqualTo("ada");
            assertThat(dm.seq()).isEqualTo(dmSeq);

            cy.send(new ClientEvent.Send("after the dm", null, null));
            cy.nextSkippingPresence(ServerEvent.Ack.class);
            // cy never saw the direct message: the next thing bob and ada see is cy's broadcast
            assertThat(ada.nextSkippingPresence(ServerEvent.ChatMessage.class).text()).isEqualTo("after the dm");
            assertThat(bob.nextSkippingPresence(ServerEvent.ChatMessage.class).text()).isEqualTo("after the dm");
            assertThat(cy.drain()).noneMatch(e -> e instanceof ServerEvent.ChatMessage);
        }
    }

    @Test
    void presenceSaysWhoJoinedAndWhyTheyLeft() throws Exception {
        try (var eve = TestClient.login(port, "eve")) {
            var fay = TestClient.login(port, "fay");
            assertThat(eve.await(ServerEvent.Joined.class).user()).isEqualTo("fay");
            var gus = TestClient.login(port, "gus");
            assertThat(eve.await(ServerEvent.Joined.class).user()).isEqualTo("gus");

            eve.send(new ClientEvent.Who("w"));
            ServerEvent.Users users = eve.await(ServerEvent.Users.class);
            assertThat(users.ref()).isEqualTo("w");
            assertThat(users.users()).contains("eve", "fay", "gus");

            fay.send(new ClientEvent.Bye(null));
            ServerEvent.Left left = eve.await(ServerEvent.Left.class);
            assertThat(left.user()).isEqualTo("fay");
            assertThat(left.reason()).isEqualTo("bye");
            assertThat(fay.awaitClosed()).noneMatch(e -> e instanceof ServerEvent.ErrorEvent);

            gus.close();
            left = eve.await(ServerEvent.Left.class);
            assertThat(left.user()).isEqualTo("gus");
            assertThat(left.reason()).isEqualTo("disconnect");
        }
    }

    @Test
    void byeIsAnsweredWithACleanClose() throws Exception {
        try (var hal = TestClient.connect(port)) {
            hal.send(new ClientEvent.Hello("hal"));
            hal.await(ServerEvent.Welcome.class);
            hal.send(new ClientEvent.Bye(null));
            hal.awaitClosed();
        }
        // read the raw socket: a clean close is end-of-stream, a reset would throw
        try (var raw = new java.net.Socket("127.0.0.1", port)) {
            raw.getOutputStream().write(FrameEncoder.json("{\"type\":\"bye\"}".getBytes()));
            InputStream in = raw.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void sinceReplaysWhatWasMissedOnceInOrderThenLiveEvents() throws Exception {
        try (var ivy = TestClient.login(port, "ivy"); var jon = TestClient.login(port, "jon")) {
            ivy.await(ServerEvent.Joined.class, j -> j.user().equals("jon"));
            jon.send(new ClientEvent.Send("one", null, null));
            long seen = ivy.await(ServerEvent.ChatMessage.class).seq();
            ivy.close();
            jon.await(ServerEvent.Left.class, l -> l.user().equals("ivy"));

            List<Long> missed = new ArrayList<>();
            for (String text : List.of("two", "three", "four")) {
                jon.send(new ClientEvent.Send(text, null, null));
                missed.add(jon.await(ServerEvent.Ack.class).seq());
            }
            try (var kim = TestClient.login(port, "kim")) {
                jon.await(ServerEvent.Joined.class, j -> j.user().equals("kim"));
                jon.send(new ClientEvent.Send("secret", "kim", null));
                jon.await(ServerEvent.Ack.class);
                kim.await(ServerEvent.ChatMessage.class);

                var back = TestClient.connect(port);
                back.send(new ClientEvent.Hello(1, "ivy", null, null, seen, null));
                back.next(ServerEvent.Welcome.class);
                List<ServerEvent.Stored> replayed = new ArrayList<>();
                ServerEvent e;
                while (!((e = back.next()) instanceof ServerEvent.Joined j && j.user().equals("ivy"))) {
                    replayed.add((ServerEvent.Stored) e);
                    if (replayed.size() > 50) {
                        break;
                    }
                    if (e instanceof ServerEvent.Joined kj && kj.user().equals("kim") && replayed.size() >= 5) {
                        break;
                    }
                }
                List<Long> seqs = replayed.stream().map(ServerEvent.Stored::seq).toList();
                assertThat(seqs).as("replayed after %d", seen).isSorted().doesNotHaveDuplicates()
                        .allMatch(s -> s > seen).containsAll(missed);
                assertThat(replayed).noneMatch(r -> r instanceof ServerEvent.ChatMessage m && "secret".equals(m.text()));
                assertThat(replayed).anyMatch(r -> r instanceof ServerEvent.Left l && l.user().equals("ivy"));

                // then live: the next message arrives once, after the replay
                jon.send(new ClientEvent.Send("live", null, null));
                long live = jon.await(ServerEvent.Ack.class).seq();
                ServerEvent.ChatMessage m = back.await(ServerEvent.ChatMessage.class);
                assertThat(m.seq()).isEqualTo(live);
                assertThat(m.text()).isEqualTo("live");
                back.close();
            }
        }
    }

    @Test
    void historyPagesBackwardsAndHidesOthersDirectMessages() throws Exception {
        try (var lea = TestClient.login(port, "lea"); var max = TestClient.login(port, "max");
             var ned = TestClient.login(port, "ned")) {
            lea.await(ServerEvent.Joined.class, j -> j.user().equals("ned"));
            for (int i = 1; i <= 5; i++) {
                lea.send(new ClientEvent.Send("h" + i, null, null));
                lea.await(ServerEvent.Ack.class);
            }
            lea.send(new ClientEvent.Send("private", "max", null));
            long last = lea.await(ServerEvent.Ack.class).seq();

            ned.send(new ClientEvent.HistoryQuery(null, 3, "p1"));
            ServerEvent.HistoryPage page = ned.await(ServerEvent.HistoryPage.class);
            assertThat(page.ref()).isEqualTo("p1");
            assertThat(page.more()).isTrue();
            assertThat(page.events()).extracting(e -> ((ServerEvent.ChatMessage) e).text())
                    .containsExactly("h3", "h4", "h5");

            ned.send(new ClientEvent.HistoryQuery(page.events().getFirst().seq(), 2, null));
            page = ned.await(ServerEvent.HistoryPage.class);
            assertThat(page.events()).extracting(e -> ((ServerEvent.ChatMessage) e).text()).containsExactly("h1", "h2");

            max.send(new ClientEvent.HistoryQuery(last + 1, 1, null));
            page = max.await(ServerEvent.HistoryPage.class);
            assertThat(page.events()).singleElement()
                    .satisfies(e -> assertThat(((ServerEvent.ChatMessage) e).text()).isEqualTo("private"));
        }
    }

    @Test
    void beforeHelloOnlyPingAndByeAreServed() throws Exception {
        try (var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Who("w1"));
            assertThat(c.awaitError("auth_required").ref()).isEqualTo("w1");
            c.send(new ClientEvent.Ping("p1"));
            assertThat(c.next(ServerEvent.Pong.class).ref()).isEqualTo("p1");
            c.sendRaw(FrameEncoder.data(42, 0, new byte[] {1}, 0, 1));
            assertThat(c.awaitError("auth_required").file()).isEqualTo(42L);
            c.send(new ClientEvent.Hello("oli"));
            c.next(ServerEvent.Welcome.class);
            c.send(new ClientEvent.Hello("oli2"));
            assertThat(c.awaitError("bad_request").message()).contains("already");
        }
    }

    @Test
    void helloIsRefusedForBadVersionNameOrTakenName() throws Exception {
        try (var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Hello(2, "pam", null, null, null, "h"));
            assertThat(c.awaitError("unsupported_version").ref()).isEqualTo("h");
            c.awaitClosed();
        }
        for (String bad : List.of("", "has space", "x".repeat(33), "émile", "a/b")) {
            try (var c = TestClient.connect(port)) {
                c.send(new ClientEvent.Hello(bad));
                c.awaitError("name_invalid");
                c.awaitClosed();
            }
        }
        try (var pam = TestClient.login(port, "Pam"); var c = TestClient.connect(port)) {
            c.send(new ClientEvent.Hello("pAM"));
            c.awaitError("name_taken");
            c.awaitClosed();
            pam.send(new ClientEvent.Ping(null));
            pam.await(ServerEvent.Pong.class);
        }
    }

    @Test
    void badMessagesGetTheirErrorAndTheConnectionStays() throws Exception {
        try (var quinn = TestClient.login(port, "quinn")) {
            quinn.send(new ClientEvent.Send("", null, "e"));
            assertThat(quinn.awaitError("bad_request").ref()).isEqualTo("e");
            quinn.sendJson("{\"type\":\"msg\",\"text\":\"a\\ud800b\",\"ref\":\"s\"}");
            assertThat(quinn.awaitError("bad_request").ref()).isEqualTo("s");
            quinn.send(new ClientEvent.Send("hi", "nobody", "n"));
            assertThat(quinn.awaitError("not_found").ref()).isEqualTo("n");
            quinn.send(new ClientEvent.Send("hi", "QUINN", "self"));
            assertThat(quinn.awaitError("bad_request").ref()).isEqualTo("self");
            quinn.sendJson("{\"type\":\"dance\",\"ref\":\"d\"}");
            assertThat(quinn.awaitError("bad_request").ref()).isEqualTo("d");
            quinn.sendJson("{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}");
            quinn.awaitError("bad_request");
            quinn.send(new ClientEvent.Send("x".repeat(4001), null, "long"));
            assertThat(quinn.awaitError("too_large").ref()).isEqualTo("long");
            quinn.send(new ClientEvent.Send("😀".repeat(4000), null, "ok"));
            assertThat(quinn.await(ServerEvent.Ack.class).ref()).isEqualTo("ok");
        }
    }

    @Test
    void aFramingErrorClosesOnlyThatConnection() throws Exception {
        try (var rae = TestClient.login(port, "rae"); var bad = TestClient.login(port, "sid")) {
            rae.await(ServerEvent.Joined.class, j -> j.user().equals("sid"));
            bad.sendRaw(new byte[] {0, 0, 0, 2, 'X', 0});
            bad.awaitError("bad_frame");
            bad.awaitClosed();
            assertThat(rae.await(ServerEvent.Left.class).user()).isEqualTo("sid");
            for (String body : List.of("[1]", "{\"no\":\"type\"}", "{\"type\":\"ping\"}{}")) {
                try (var c = TestClient.connect(port)) {
                    c.sendJson(body);
                    c.awaitError("bad_frame");
                    c.awaitClosed();
                }
            }
            try (var c = TestClient.connect(port)) {
                c.sendRaw(new byte[] {0, 0, 0, 3, 'J', (byte) 0xC3, (byte) 0x28});
                c.awaitError("bad_frame");
                c.awaitClosed();
            }
            try (var c = TestClient.connect(port)) {
                c.sendRaw(new byte[] {0, 0, 0, 5, 'D', 0, 0, 0, 0});
                c.awaitError("bad_frame");
                c.awaitClosed();
            }
            rae.send(new ClientEvent.Ping("still"));
            assertThat(rae.await(ServerEvent.Pong.class).ref()).isEqualTo("still");
        }
    }
}
