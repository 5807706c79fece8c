package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.FilesAccess;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IRC users and CHAT/1 users in one conversation: #lobby, direct messages, actions, presence,
 * WHO/WHOIS/NAMES, a nick change, files, and the replay on reconnect, over raw sockets.
 * References: RFC 2812 §3.3 (PRIVMSG, NOTICE), §3.6 (WHO, WHOIS), CTCP (ACTION), IRCv3
 * server-time, echo-message and message-tags.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.irc.enabled=true", "chat.irc.port=0",
        "chat.limits.connections-per-address=0", "chat.irc.replay=5", "chat.irc.server-name=irc.chat.test"})
class IrcChatTests {

    @Autowired
    IrcEndpoint irc;

    @Autowired
    ChatEndpoint chat;

    @Test
    void lobbyMessagesGoBothWays_rfc2812_3_3_1() throws Exception {
        try (TestClient carol = TestClient.login(chat.port(), "carol1");
             IrcTestClient dave = IrcTestClient.register(irc.port(), "dave1")) {
            dave.send("PRIVMSG #lobby :hello from irc");
            ServerEvent.ChatMessage got = carol.await(ServerEvent.ChatMessage.class);
            assertThat(got.from()).isEqualTo("dave1");
            assertThat(got.text()).isEqualTo("hello from irc");
            assertThat(got.room()).isNull();
            assertThat(got.to()).isNull();

            carol.send(new ClientEvent.Send("hi back", null, "c1"));
            assertThat(dave.await("hi back")).isEqualTo(":carol1!carol1@tcp-chat PRIVMSG #lobby :hi back");
            // a NOTICE to the lobby is a message too
            dave.send("NOTICE #lobby :a notice");
            assertThat(carol.await(ServerEvent.ChatMessage.class).text()).isEqualTo("a notice");
        }
    }

    @Test
    void directMessagesGoBothWaysAndAnOfflineNickIs401_rfc2812_3_3_1() throws Exception {
        try (TestClient erin = TestClient.login(chat.port(), "erin1");
             IrcTestClient fred = IrcTestClient.register(irc.port(), "fred1")) {
            fred.send("PRIVMSG erin1 :just for you");
            ServerEvent.ChatMessage got = erin.await(ServerEvent.ChatMessage.class);
            assertThat(got.to()).isEqualTo("erin1");
            assertThat(got.text()).isEqualTo("just for you");

            erin.send(new ClientEvent.Send("and for you", "fred1", "e1"));
            assertThat(fred.await("and for you")).isEqualTo(":erin1!erin1@tcp-chat PRIVMSG fred1 :and for you");

            fred.send("PRIVMSG nobody1 :anyone?");
            assertThat(fred.await(" 401 ")).startsWith(":irc.chat.test 401 fred1 nobody1 ");
            fred.send("NOTICE nobody1 :anyone?"); // RFC 2812 §3.3.2: no error reply to a NOTICE
            fred.send("PING :after-notice");
            assertThat(fred.await(l -> l.contains(" 401 ") || l.contains("after-notice"), "the pong"))
                    .contains("after-notice");
        }
    }

    @Test
    void ctcpActionIsTheActionKindAndFormattingIsDropped() throws Exception {
        try (TestClient gina = TestClient.login(chat.port(), "gina1");
             IrcTestClient hank = IrcTestClient.register(irc.port(), "hank1")) {
            hank.send("PRIVMSG #lobby :\u0001ACTION waves\u0001");
            ServerEvent.ChatMessage action = gina.await(ServerEvent.ChatMessage.class);
            assertThat(action.kind()).isEqualTo("action");
            assertThat(action.text()).isEqualTo("waves");

            hank.send("PRIVMSG #lobby :\u0002bold\u0002 and \u000304,01red\u000f text");
            assertThat(gina.await(ServerEvent.ChatMessage.class).text()).isEqualTo("bold and red text");

            gina.send(new ClientEvent.Send("nods", null, null, "action", "g1"));
            assertThat(hank.await("nods")).isEqualTo(":gina1!gina1@tcp-chat PRIVMSG #lobby :\u0001ACTION nods\u0001");
        }
    }

    @Test
    void echoMessageAndServerTimeTagTheUsersOwnMessage_ircv3() throws Exception {
        try (IrcTestClient ivy = IrcTestClient.connect(irc.port())) {
            ivy.send("CAP REQ :echo-message server-time message-tags");
            ivy.send("NICK ivy1");
            ivy.send("USER ivy1 0 * :Ivy");
            ivy.await(" ACK ");
            ivy.send("CAP END");
            ivy.await(" 366 ivy1 #lobby ");
            ivy.send("PRIVMSG #lobby :echo me");
            String echo = ivy.await("echo me");
            assertThat(echo).matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z;msgid=\\d+ "
                    + ":ivy1!ivy1@tcp-chat PRIVMSG #lobby :echo me");
        }
    }

    @Test
    void presenceIsJoinAndQuitAndWhoWhoisNamesListTheLobby_rfc2812_3_2_5_and_3_6() throws Exception {
        try (IrcTestClient jack = IrcTestClient.register(irc.port(), "jack1")) {
            try (TestClient kim = TestClient.login(chat.port(), "kim1")) {
                assertThat(jack.await("JOIN")).isEqualTo(":kim1!kim1@tcp-chat JOIN #lobby");
                jack.send("NAMES #lobby");
                assertThat(jack.await(" 353 ")).startsWith(":irc.chat.test 353 jack1 = #lobby :").contains("kim1", "jack1");
                jack.await(" 366 jack1 #lobby ");
                jack.send("WHO #lobby");
                List<String> who = jack.collect(" 315 ");
                assertThat(who).anyMatch(l -> l.startsWith(":irc.chat.test 352 jack1 #lobby kim1 tcp-chat irc.chat.test kim1 H :0 kim1"));
                jack.send("WHOIS kim1");
                assertThat(jack.await(" 311 ")).isEqualTo(":irc.chat.test 311 jack1 kim1 kim1 tcp-chat * :kim1");
                jack.await(" 318 jack1 kim1 ");
                jack.send("WHOIS ghost1");
                jack.await(" 401 jack1 ghost1 ");
                jack.await(" 318 jack1 ghost1 ");
                jack.send("ISON ghost1 KIM1 jack1"); // RFC 2812 §4.9: the online ones, as the server spells them
                assertThat(jack.await(" 303 ")).isEqualTo(":irc.chat.test 303 jack1 :kim1 jack1");
                jack.send("USERHOST kim1");
                assertThat(jack.await(" 302 ")).isEqualTo(":irc.chat.test 302 jack1 :kim1=+kim1@tcp-chat");
            }
            assertThat(jack.await("QUIT")).startsWith(":kim1!kim1@tcp-chat QUIT :");
        }
    }

    @Test
    void aNickChangeLogsOutAndInAgainAndATakenNickIs433() throws Exception {
        try (TestClient lena = TestClient.login(chat.port(), "lena1");
             IrcTestClient max = IrcTestClient.register(irc.port(), "max1")) {
            lena.await(ServerEvent.Joined.class, j -> j.user().equals("max1"));
            max.send("NICK lena1");
            max.await(" 433 max1 lena1 ");
            max.send("NICK max2");
            assertThat(max.await(" NICK ")).isEqualTo(":max1!max1@tcp-chat NICK max2");
            assertThat(lena.await(ServerEvent.Left.class, l -> l.user().equals("max1")).reason()).isEqualTo("bye");
            lena.await(ServerEvent.Joined.class, j -> j.user().equals("max2"));
            max.send("PRIVMSG #lobby :new name");
            ServerEvent.ChatMessage got = lena.await(ServerEvent.ChatMessage.class);
            assertThat(got.from()).isEqualTo("max2");
            max.send("WHOIS max2");
            max.await(" 311 max2 max2 ");
        }
    }

    @Test
    void aNickChangeToARegisteredNameIs433AndTheUserStaysWhoTheyWere() throws Exception {
        try (TestClient owner = TestClient.login(chat.port(), "owned1")) {
            owner.send(new ClientEvent.Register("owned password", "r"));
            owner.await(ServerEvent.Ack.class);
        }
        try (TestClient vic = TestClient.login(chat.port(), "vic1");
             IrcTestClient tom = IrcTestClient.register(irc.port(), "tom1")) {
            vic.await(ServerEvent.Joined.class, j -> j.user().equals("tom1"));
            tom.send("NICK owned1"); // NICK cannot carry the account's password: refused, back to tom1
            assertThat(tom.await(" 433 ")).startsWith(":irc.chat.test 433 tom1 owned1 :");
            vic.await(ServerEvent.Joined.class, j -> j.user().equals("tom1"));
            tom.send("PRIVMSG #lobby :still tom");
            assertThat(vic.await(ServerEvent.ChatMessage.class, m -> m.text().equals("still tom")).from())
                    .isEqualTo("tom1");
        }
    }

    @Test
    void aReconnectReplaysTheLastMessagesWithTheirTimes_ircv3_server_time() throws Exception {
        try (TestClient nora = TestClient.login(chat.port(), "nora1")) {
            for (int i = 1; i <= 7; i++) {
                nora.send(new ClientEvent.Send("old " + i, null, "n" + i));
                nora.await(ServerEvent.Ack.class);
            }
        }
        try (IrcTestClient otto = IrcTestClient.connect(irc.port())) {
            otto.send("CAP REQ :server-time");
            otto.send("NICK otto1");
            otto.send("USER otto1 0 * :Otto");
            otto.send("CAP END");
            otto.await(" 366 otto1 #lobby ");
            List<String> replay = otto.collect("old 7");
            List<String> messages = replay.stream().filter(l -> l.contains(" PRIVMSG ")).toList();
            // chat.irc.replay=5: the last five, oldest first, each with the time it was sent
            assertThat(messages).hasSize(5);
            assertThat(messages.getFirst()).matches("@time=\\S+ :nora1!nora1@tcp-chat PRIVMSG #lobby :old 3");
        }
    }

    @Test
    void aFileIsANoticeSayingHowToFetchIt() throws Exception {
        try (IrcTestClient pat = IrcTestClient.register(irc.port(), "pat1");
             TestClient quinn = TestClient.login(chat.port(), "quinn1")) {
            long file = FilesAccess.upload(quinn, "notes.txt", 3000);
            String notice = pat.await("NOTICE #lobby");
            assertThat(notice).startsWith(":quinn1!quinn1@tcp-chat NOTICE #lobby :shares the file \"notes.txt\" (2.9 KiB")
                    .endsWith("download with a CHAT/1 client: file id " + file);
        }
    }

    @Test
    void aLongMessageComesAsSeveralLinesOfAt512Bytes_rfc1459_2_3() throws Exception {
        try (IrcTestClient ruth = IrcTestClient.register(irc.port(), "ruth1");
             TestClient sam = TestClient.login(chat.port(), "sam1")) {
            String text = "é".repeat(1500) + "\nsecond line";
            sam.send(new ClientEvent.Send(text, null, "s1"));
            List<String> lines = ruth.collect("second line").stream().filter(l -> l.startsWith(":sam1!sam1@tcp-chat PRIVMSG")).toList();
            assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
            lines.forEach(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(512));
            String joined = String.join("", lines.subList(0, lines.size() - 1).stream()
                    .map(l -> l.substring(l.indexOf(" :", 1) + 2)).toList());
            assertThat(joined).isEqualTo("é".repeat(1500));
        }
    }
}
