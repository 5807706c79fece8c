package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rooms as channels over raw sockets, beside rooms-aware CHAT/1 clients: JOIN, PART, TOPIC,
 * NAMES, LIST, MODE +i/+t/+o/+b, KICK, INVITE and their error numerics (RFC 2812 §3.2 and
 * §5.2; RFC 2811 §4 for the channel modes), and the rooms a user is in coming back on login.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.irc.enabled=true", "chat.irc.port=0",
        "chat.limits.connections-per-address=0", "chat.rooms.create=everyone", "chat.irc.replay=3",
        "chat.irc.server-name=irc.rooms.test"})
class IrcRoomTests {

    @Autowired
    IrcEndpoint irc;

    @Autowired
    ChatEndpoint chat;

    private TestClient roomsClient(String user) throws Exception {
        TestClient c = TestClient.connect(chat.port());
        c.send(new ClientEvent.Hello(1, user, null, null, null, List.of("rooms"), "h"));
        c.await(ServerEvent.Welcome.class);
        return c;
    }

    @Test
    void joinTalkTopicModeAndPartWithAChatClient_rfc2812_3_2() throws Exception {
        try (IrcTestClient ann = IrcTestClient.register(irc.port(), "ann1");
             TestClient ben = roomsClient("ben1")) {
            ann.send("JOIN #Dev1");
            assertThat(ann.await("JOIN #dev1")).isEqualTo(":ann1!ann1@tcp-chat JOIN #dev1");
            assertThat(ann.await(" 353 ")).isEqualTo(":irc.rooms.test 353 ann1 = #dev1 :@ann1"); // the creator is op
            ann.await(" 366 ann1 #dev1 ");

            ben.send(new ClientEvent.Join("#dev1", "j"));
            ben.await(ServerEvent.RoomState.class);
            assertThat(ann.await("JOIN #dev1")).isEqualTo(":ben1!ben1@tcp-chat JOIN #dev1");

            ann.send("PRIVMSG #dev1 :build is green");
            ServerEvent.ChatMessage m = ben.await(ServerEvent.ChatMessage.class);
            assertThat(m.room()).isEqualTo("#dev1");
            assertThat(m.text()).isEqualTo("build is green");
            ben.send(new ClientEvent.Send("thanks", null, "#dev1", null, "b1"));
            assertThat(ann.await("thanks")).isEqualTo(":ben1!ben1@tcp-chat PRIVMSG #dev1 :thanks");

            ann.send("TOPIC #dev1 :release on friday");
            assertThat(ann.await(" TOPIC ")).isEqualTo(":ann1!ann1@tcp-chat TOPIC #dev1 :release on friday");
            assertThat(ben.await(ServerEvent.RoomTopic.class).topic()).isEqualTo("release on friday");
            ann.send("TOPIC #dev1");
            assertThat(ann.await(" 332 ")).isEqualTo(":irc.rooms.test 332 ann1 #dev1 :release on friday");

            ann.send("MODE #dev1 -t");
            assertThat(ann.await(" MODE ")).isEqualTo(":ann1!ann1@tcp-chat MODE #dev1 -t");
            assertThat(ben.await(ServerEvent.RoomMode.class).topicLock()).isFalse();
            ann.send("MODE #dev1");
            assertThat(ann.await(" 324 ")).isEqualTo(":irc.rooms.test 324 ann1 #dev1 +");

            ben.send(new ClientEvent.Topic("#dev1", "from ben", "t"));
            assertThat(ann.await(" TOPIC ")).isEqualTo(":ben1!ben1@tcp-chat TOPIC #dev1 :from ben");

            ann.send("LIST");
            assertThat(ann.collect(" 323 ")).anyMatch(l -> l.startsWith(":irc.rooms.test 322 ann1 #dev1 2 :from ben"));

            ben.send(new ClientEvent.Part("#dev1", "lunch", "p"));
            assertThat(ann.await(" PART ")).isEqualTo(":ben1!ben1@tcp-chat PART #dev1 :lunch");
            ann.send("PART #dev1 :done");
            assertThat(ann.await(" PART ")).isEqualTo(":ann1!ann1@tcp-chat PART #dev1 :done");
            ann.send("PART #dev1");
            ann.await(" 442 ann1 #dev1 "); // RFC 2812 §3.2.2: ERR_NOTONCHANNEL
            ann.send("PRIVMSG #dev1 :still here?");
            ann.await(" 404 ann1 #dev1 ");
        }
    }

    @Test
    void kickBanInviteOnlyAndOpsGiveTheNumericsClientsExpect_rfc2812_3_2_and_rfc2811_4() throws Exception {
        try (TestClient owner = TestClient.login(chat.port(), "cy1")) {
            owner.send(new ClientEvent.Register("cy1 password", "r"));
            owner.await(ServerEvent.Ack.class); // only registered names are invited (rooms §1.4)
        }
        IrcTestClient withPass = IrcTestClient.connect(irc.port());
        withPass.send("PASS :cy1 password"); // RFC 2812 §3.1.1: PASS before NICK and USER
        withPass.send("NICK cy1");
        withPass.send("USER cy1 0 * :Cy");
        withPass.await(" 366 cy1 #lobby ");
        try (IrcTestClient op = IrcTestClient.register(irc.port(), "op1");
             IrcTestClient cy = withPass;
             TestClient dee = roomsClient("dee1")) {
            op.send("JOIN #mod1");
            op.await(" 366 op1 #mod1 ");
            cy.send("JOIN #mod1");
            cy.await(" 366 cy1 #mod1 ");
            op.await(":cy1!cy1@tcp-chat JOIN #mod1");

            cy.send("MODE #mod1 +i");
            cy.await(" 482 cy1 #mod1 "); // not an op: ERR_CHANOPRIVSNEEDED
            cy.send("KICK #mod1 op1");
            cy.await(" 482 cy1 #mod1 ");

            op.send("MODE #mod1 +o cy1");
            assertThat(op.await(" MODE ")).isEqualTo(":op1!op1@tcp-chat MODE #mod1 +o cy1");
            assertThat(cy.await(" MODE ")).isEqualTo(":op1!op1@tcp-chat MODE #mod1 +o cy1");
            op.send("MODE #mod1 -o cy1");
            cy.await(":op1!op1@tcp-chat MODE #mod1 -o cy1");

            op.send("KICK #mod1 cy1 :off topic");
            assertThat(op.await(" KICK ")).isEqualTo(":op1!op1@tcp-chat KICK #mod1 cy1 :off topic");
            assertThat(cy.await(" KICK ")).isEqualTo(":op1!op1@tcp-chat KICK #mod1 cy1 :off topic");
            op.send("KICK #mod1 cy1");
            op.await(" 441 op1 cy1 #mod1 "); // ERR_USERNOTINCHANNEL

            op.send("MODE #mod1 +b cy1!*@*");
            assertThat(op.await(" MODE ")).isEqualTo(":op1!op1@tcp-chat MODE #mod1 +b cy1");
            cy.send("JOIN #mod1");
            cy.await(" 474 cy1 #mod1 "); // ERR_BANNEDFROMCHAN
            op.send("MODE #mod1 b");
            assertThat(op.await(" 367 ")).isEqualTo(":irc.rooms.test 367 op1 #mod1 cy1!*@* op1");
            op.await(" 368 op1 #mod1 ");
            op.send("MODE #mod1 -b cy1");
            op.await("MODE #mod1 -b cy1");

            op.send("MODE #mod1 +i");
            op.await("MODE #mod1 +i");
            dee.send(new ClientEvent.Join("#mod1", "dj"));
            assertThat(dee.await(ServerEvent.ErrorEvent.class).code()).isEqualTo("invite_only");
            cy.send("JOIN #mod1");
            cy.await(" 473 cy1 #mod1 "); // ERR_INVITEONLYCHAN
            op.send("INVITE cy1 #mod1");
            op.await(" 341 op1 cy1 #mod1");
            assertThat(cy.await(" INVITE ")).isEqualTo(":op1!op1@tcp-chat INVITE cy1 #mod1");
            cy.send("JOIN #mod1");
            cy.await(":cy1!cy1@tcp-chat JOIN #mod1");
            op.send("INVITE cy1 #mod1");
            op.await(" 443 op1 cy1 #mod1 "); // ERR_USERONCHANNEL

            cy.send("TOPIC #nosuch1 :x");
            cy.await(" 403 cy1 #nosuch1 ");
        }
    }

    @Test
    void aReconnectRejoinsTheUsersRoomsWithTheirLastMessages() throws Exception {
        try (IrcTestClient eve = IrcTestClient.register(irc.port(), "eve1");
             TestClient fay = roomsClient("fay1")) {
            eve.send("JOIN #keep1");
            eve.await(" 366 eve1 #keep1 ");
            fay.send(new ClientEvent.Join("#keep1", "j"));
            fay.await(ServerEvent.RoomState.class);
            for (int i = 1; i <= 4; i++) {
                fay.send(new ClientEvent.Send("room line " + i, null, "#keep1", null, "f" + i));
                eve.await("room line " + i);
            }
            eve.send("QUIT");
            eve.awaitClosed();
        }
        try (IrcTestClient eve = IrcTestClient.connect(irc.port())) {
            eve.send("CAP REQ :server-time");
            eve.send("NICK eve1");
            eve.send("USER eve1 0 * :Eve");
            eve.send("CAP END");
            assertThat(eve.await("JOIN #keep1")).isEqualTo(":eve1!eve1@tcp-chat JOIN #keep1");
            List<String> got = eve.collect("room line 4");
            assertThat(got).anyMatch(l -> l.contains(" 353 eve1 = #keep1 :@eve1")); // op survives part and quit
            // chat.irc.replay=3: the room's last three, with the times they were sent
            assertThat(got.stream().filter(l -> l.contains("PRIVMSG #keep1")).toList()).hasSize(3)
                    .allMatch(l -> l.startsWith("@time=")).last().asString().endsWith("room line 4");
        }
    }
}
