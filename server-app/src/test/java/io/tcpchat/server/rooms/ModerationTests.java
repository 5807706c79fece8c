package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operators, bans, invites and administrators (docs/protocol.md, "Rooms", moderation): each
 * action takes effect at once, in seq order, and is a stored event in history.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.rooms.create=everyone",
        "chat.limits.rate=0", "chat.auth.min-password-length=4"})
class ModerationTests {

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    AccountService accounts;
    int port;

    @BeforeEach
    void port() {
        port = endpoint.port();
    }

    @Test
    void aKickAndABanActAtOnceAndAreStored() throws Exception {
        try (var op = TestClient.loginRooms(port, "kop"); var bob = TestClient.loginRooms(port, "kbob")) {
            op.request(new ClientEvent.Join("#mod", "j1"));
            bob.request(new ClientEvent.Join("#mod", "j2"));
            // not an operator: refused, and nothing is stored
            assertThat(bob.request(new ClientEvent.Kick("#mod", "kop", null, "k0")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
            long kick = ((ServerEvent.Ack) op.request(new ClientEvent.Kick("#mod", "kbob", "off topic", "k1"))).seq();
            ServerEvent.RoomLeft left = bob.await(ServerEvent.RoomLeft.class);
            assertThat(left).extracting(ServerEvent.RoomLeft::reason, ServerEvent.RoomLeft::by, ServerEvent.RoomLeft::text)
                    .containsExactly("kick", "kop", "off topic");
            assertThat(left.seq()).isEqualTo(kick);
            assertThat(bob.request(new ClientEvent.Send("hey", null, "#mod", null, "m1")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
            bob.request(new ClientEvent.Join("#mod", "j3"));
            long ban = ((ServerEvent.Ack) op.request(new ClientEvent.Ban("#mod", "kbob", "spam", "b1"))).seq();
            ServerEvent.RoomLeft banned = bob.await(ServerEvent.RoomLeft.class);
            assertThat(banned.reason()).isEqualTo("ban");
            assertThat(banned.seq()).isGreaterThan(ban);
            assertThat(bob.request(new ClientEvent.Join("#mod", "j4")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("banned"));
            // unban: changes something once, then nothing (an ack without seq)
            assertThat(((ServerEvent.Ack) op.request(new ClientEvent.Unban("#mod", "kbob", "u1"))).seq()).isNotNull();
            assertThat(((ServerEvent.Ack) op.request(new ClientEvent.Unban("#mod", "kbob", "u2"))).seq()).isNull();
            var page = (ServerEvent.HistoryPage) op.request(new ClientEvent.HistoryQuery(null, 50, "#mod", "h1"));
            assertThat(page.events()).anyMatch(e -> e instanceof ServerEvent.RoomLeft l && l.seq() == kick
                    && "kop".equals(l.by()));
            assertThat(page.events()).anyMatch(e -> e instanceof ServerEvent.RoomBan b && b.banned() && b.seq() == ban);
        }
    }

    @Test
    void noMessageOfAKickedUserIsNumberedAfterTheKick() throws Exception {
        try (var op = TestClient.loginRooms(port, "rop"); var bob = TestClient.loginRooms(port, "rbob")) {
            op.request(new ClientEvent.Join("#race", "j1"));
            bob.request(new ClientEvent.Join("#race", "j2"));
            Map<String, ServerEvent> answers = new ConcurrentHashMap<>();
            bob.listen(e -> {
                if (e instanceof ServerEvent.Ack a && a.ref() != null) {
                    answers.put(a.ref(), a);
                } else if (e instanceof ServerEvent.ErrorEvent x && x.ref() != null) {
                    answers.put(x.ref(), x);
                }
            });
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 1000; i++) {
                        bob.send(new ClientEvent.Send("m" + i, null, "#race", null, "r" + i));
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            long kick = ((ServerEvent.Ack) op.request(new ClientEvent.Kick("#race", "rbob", null, "k"))).seq();
            sender.join();
            org.awaitility.Awaitility.await().atMost(TestClient.TIMEOUT).until(() -> answers.size() == 1000);
            List<Long> accepted = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < 1000; i++) {
                ServerEvent a = answers.get("r" + i);
                if (a instanceof ServerEvent.Ack ack) {
                    assertThat(refused).as("an accepted message after a refused one").isZero();
                    accepted.add(ack.seq());
                } else {
                    assertThat(((ServerEvent.ErrorEvent) a).code()).isEqualTo("forbidden");
                    refused++;
                }
            }
            assertThat(accepted).allMatch(seq -> seq < kick);
            var page = (ServerEvent.HistoryPage) op.request(new ClientEvent.HistoryQuery(null, 500, "#race", "h"));
            assertThat(page.events()).noneMatch(e -> e instanceof ServerEvent.ChatMessage m && m.seq() > kick);
        }
    }

    @Test
    void anInviteOnlyRoomTakesInvitedUsersOnceEach() throws Exception {
        accounts.create("icy", "secret");
        try (var op = TestClient.loginRooms(port, "iop"); var cy = TestClient.loginRooms(port, "icy", "secret", null)) {
            op.request(new ClientEvent.Join("#closed", "j1"));
            assertThat(((ServerEvent.Ack) op.request(new ClientEvent.Mode("#closed", true, null, "m1"))).seq()).isNotNull();
            assertThat(cy.request(new ClientEvent.Join("#closed", "c1")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("invite_only"));
            // an unregistered name cannot be invited
            assertThat(op.request(new ClientEvent.Invite("#closed", "nobody", "i0")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("not_found"));
            op.request(new ClientEvent.Invite("#closed", "icy", "i1"));
            assertThat(cy.await(ServerEvent.RoomInvite.class).by()).isEqualTo("iop");
            assertThat(cy.request(new ClientEvent.Join("#closed", "c2"))).isInstanceOf(ServerEvent.RoomState.class);
            cy.request(new ClientEvent.Part("#closed", null, "c3"));
            assertThat(cy.request(new ClientEvent.Join("#closed", "c4")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("invite_only"));
        }
    }

    @Test
    void anAdministratorModeratesEveryRoomAndClosesOne() throws Exception {
        accounts.create("boss", "secret");
        accounts.admin("boss", true);
        try (var op = TestClient.loginRooms(port, "aop"); var bob = TestClient.loginRooms(port, "abob");
             var boss = TestClient.loginRooms(port, "boss", "secret", null)) {
            assertThat(boss.welcome().roles()).containsExactly("admin");
            op.request(new ClientEvent.Join("#tbc", "j1"));
            bob.request(new ClientEvent.Join("#tbc", "j2"));
            // an operator cannot kick an administrator, nor can a non-admin close a room
            assertThat(op.request(new ClientEvent.Ban("#tbc", "boss", null, "b0")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
            assertThat(op.request(new ClientEvent.Close("#tbc", null, "x0")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
            // not a member, yet an administrator sets the topic and closes the room
            assertThat(((ServerEvent.Ack) boss.request(new ClientEvent.Topic("#tbc", "closing soon", "t1"))).seq())
                    .isNotNull();
            assertThat(bob.await(ServerEvent.RoomTopic.class).topic()).isEqualTo("closing soon");
            long closed = ((ServerEvent.Ack) boss.request(new ClientEvent.Close("#tbc", "done", "x1"))).seq();
            assertThat(bob.await(ServerEvent.RoomClosed.class).seq()).isEqualTo(closed);
            assertThat(op.await(ServerEvent.RoomClosed.class).seq()).isEqualTo(closed);
            assertThat(bob.request(new ClientEvent.Send("anyone?", null, "#tbc", null, "m")))
                    .isInstanceOfSatisfying(ServerEvent.ErrorEvent.class, e -> assertThat(e.code()).isEqualTo("not_found"));
            // the name is free again: a new room, with a new first operator
            var again = (ServerEvent.RoomState) bob.request(new ClientEvent.Join("#tbc", "j3"));
            assertThat(again.created()).isTrue();
            assertThat(again.topic()).isNull();
        }
    }
}
