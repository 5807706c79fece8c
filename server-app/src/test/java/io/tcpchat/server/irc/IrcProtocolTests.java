package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration and the error numerics of the IRC gateway over raw sockets, checked against
 * RFC 1459, RFC 2812 (sections named in each test) and the IRCv3 specifications.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.irc.enabled=true", "chat.irc.port=0",
        "chat.irc.motd=Welcome to the test,Second line", "chat.limits.hello-timeout=3s", "chat.limits.idle-timeout=4s",
        "chat.limits.connections-per-address=0", "chat.irc.server-name=irc.protocol.test"})
class IrcProtocolTests {

    @Autowired
    IrcEndpoint irc;

    @Autowired
    ChatEndpoint chat;

    @Test
    void nickAndUserGetTheWelcomeBurstIsupportMotdAndLobby_rfc2812_3_1_and_5_1() throws Exception {
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("NICK reg1");
            c.send("USER reg1 0 * :Reg One");
            List<String> burst = c.collect(" 366 reg1 #lobby ");
            assertThat(burst.getFirst()).startsWith(":irc.protocol.test 001 reg1 :Welcome");
            assertThat(burst).anyMatch(l -> l.contains(" 002 reg1 ")).anyMatch(l -> l.contains(" 003 reg1 "))
                    .anyMatch(l -> l.startsWith(":irc.protocol.test 004 reg1 irc.protocol.test "));
            String isupport = burst.stream().filter(l -> l.contains(" 005 ")).findFirst().orElseThrow();
            assertThat(isupport).contains("CHANTYPES=#", "CASEMAPPING=ascii", "NICKLEN=32", "CHANNELLEN=33",
                    "PREFIX=(o)@", "TOPICLEN=", "NETWORK=tcp-chat", ":are supported by this server");
            assertThat(burst).contains(":irc.protocol.test 372 reg1 :- Welcome to the test",
                    ":irc.protocol.test 372 reg1 :- Second line");
            assertThat(burst).anyMatch(l -> l.contains(" 375 ")).anyMatch(l -> l.contains(" 376 "));
            // #lobby is joined at once (RFC 2812 §3.2.1: JOIN echoed, then 353 names, 366)
            assertThat(burst).contains(":reg1!reg1@tcp-chat JOIN #lobby");
            assertThat(burst).anyMatch(l -> l.startsWith(":irc.protocol.test 353 reg1 = #lobby :") && l.contains("reg1"));
        }
    }

    @Test
    void capNegotiationHoldsRegistrationUntilCapEnd_ircv3_capability_negotiation() throws Exception {
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("CAP LS 302");
            String ls = c.await(" CAP * LS ");
            assertThat(ls).contains("server-time", "message-tags", "echo-message", "multi-prefix", "sasl=PLAIN");
            c.send("NICK cap1");
            c.send("USER cap1 0 * :Cap");
            c.send("CAP REQ :server-time bogus-cap");
            assertThat(c.await(" CAP ")).contains(" NAK :server-time bogus-cap"); // all or nothing
            c.send("CAP REQ :server-time echo-message");
            String ack = c.await(" CAP ");
            assertThat(ack).contains(" ACK :server-time echo-message").doesNotContain(" 001 ");
            c.send("CAP LIST");
            assertThat(c.await(" LIST ")).contains("server-time echo-message");
            c.send("CAP END");
            c.await(" 001 cap1 ");
            c.await(" 366 cap1 #lobby ");
        }
    }

    @Test
    void nickInUseIs433AndAnotherNickThenRegisters_rfc2812_3_1_2() throws Exception {
        try (TestClient alice = TestClient.login(chat.port(), "alice433");
             IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("NICK alice433");
            c.send("USER a 0 * :A");
            assertThat(c.await(" 433 ")).isEqualTo(":irc.protocol.test 433 * alice433 :Nickname is already in use");
            c.send("NICK ALICE433"); // names are unique without regard to case
            c.await(" 433 * ALICE433 ");
            c.send("NICK bob433");
            c.await(" 001 bob433 ");
            c.await(" 366 bob433 #lobby ");
            alice.await(ServerEvent.Joined.class, j -> j.user().equals("bob433"));
        }
    }

    @Test
    void badNicksAre432AndNoNickIs431_rfc2812_3_1_2() throws Exception {
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("NICK bad!nick");
            c.await(" 432 * bad!nick ");
            c.send("NICK " + "x".repeat(33));
            c.await(" 432 ");
            c.send("NICK");
            c.await(" 431 ");
        }
    }

    @Test
    void commandsBeforeRegistrationAre451AndUserWithoutParamsIs461_rfc2812_5_2() throws Exception {
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("JOIN #dev");
            c.await(" 451 * :You have not registered");
            c.send("PRIVMSG #lobby :hi");
            c.await(" 451 ");
            c.send("USER onlyone");
            c.await(" 461 * USER ");
        }
    }

    @Test
    void unknownCommandIs421AndMissingParamsAre461_rfc2812_5_2() throws Exception {
        try (IrcTestClient c = IrcTestClient.register(irc.port(), "unk1")) {
            c.send("FROBNICATE x");
            c.await(":irc.protocol.test 421 unk1 FROBNICATE :Unknown command");
            c.send("KICK #dev");
            c.await(" 461 unk1 KICK ");
            c.send("JOIN");
            c.await(" 461 unk1 JOIN ");
            c.send("USER again 0 * :x");
            c.await(" 462 unk1 "); // RFC 2812 §3.1.3: no reregistering
            c.send("PRIVMSG");
            c.await(" 411 unk1 ");
            c.send("PRIVMSG #lobby");
            c.await(" 412 unk1 ");
            c.send("PRIVMSG #not/valid :x");
            c.await(" 403 unk1 #not/valid ");
        }
    }

    @Test
    void pingIsAnsweredBeforeAndAfterRegistration_rfc2812_3_7_2() throws Exception {
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("PING :token-1");
            assertThat(c.await(" PONG ")).isEqualTo(":irc.protocol.test PONG irc.protocol.test token-1");
            c.send("NICK ping1");
            c.send("USER ping1 0 * :P");
            c.await(" 366 ping1 ");
            c.send("PING token-2");
            c.await(" PONG irc.protocol.test token-2");
        }
    }

    @Test
    void anOverlongLineIs417AndTheConnectionGoesOn_ircv3_message_tags_size_limit() throws Exception {
        try (IrcTestClient c = IrcTestClient.register(irc.port(), "long1")) {
            c.send("PRIVMSG #lobby :" + "x".repeat(600));
            c.await(" 417 long1 :Input line was too long");
            // tags may take 8191 bytes beside the 512 of the rest: accepted
            c.send("@+draft/x=" + "y".repeat(4000) + " PING :still-here");
            c.await(" PONG irc.protocol.test still-here");
            c.send("@+draft/x=" + "y".repeat(9000) + " PING :too-much");
            c.await(" 417 ");
            // LF alone ends a line too (RFC 2812 asks for CR LF; clients send either)
            c.sendRaw("PING :lf-only\n".getBytes(StandardCharsets.UTF_8));
            c.await(" PONG irc.protocol.test lf-only");
        }
    }

    @Test
    void quitIsAnsweredWithErrorAndClosesAndChatClientsSeeTheUserLeave_rfc2812_3_1_7() throws Exception {
        try (TestClient watcher = TestClient.login(chat.port(), "watchquit");
             IrcTestClient c = IrcTestClient.register(irc.port(), "quitter")) {
            watcher.await(ServerEvent.Joined.class, j -> j.user().equals("quitter"));
            c.send("QUIT :gone fishing");
            assertThat(c.await("ERROR ")).startsWith("ERROR :Closing link:").contains("gone fishing");
            c.awaitClosed();
            ServerEvent.Left left = watcher.await(ServerEvent.Left.class, l -> l.user().equals("quitter"));
            assertThat(left.reason()).isEqualTo("bye");
        }
    }

    @Test
    void aQuietClientIsPingedAndStaysPastTheIdleTimeout_rfc2812_3_7_2() throws Exception {
        try (IrcTestClient c = IrcTestClient.register(irc.port(), "quiet1")) {
            long start = System.nanoTime();
            // idle-timeout=4s: a PING after about 2 s of silence, answered (the test client answers
            // PINGs), then another: the connection outlived the idle timeout
            c.await("PING :irc.protocol.test");
            c.await("PING :irc.protocol.test");
            assertThat((System.nanoTime() - start) / 1e9).isGreaterThan(4.0);
            c.send("PING :alive");
            c.await(" PONG irc.protocol.test alive");
        }
    }

    @Test
    void registrationMustEndWithinTheHelloTimeout() throws Exception {
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("NICK slow1"); // and never USER
            assertThat(c.await("ERROR ")).contains("Closing link");
            c.awaitClosed();
        }
    }

    @Test
    void saslPlainLogsIntoAnAccountAndAWrongPasswordIs904_ircv3_sasl_3_1() throws Exception {
        try (TestClient owner = TestClient.login(chat.port(), "saslacct")) {
            owner.send(new ClientEvent.Register("correct horse battery", "r"));
            owner.await(ServerEvent.Ack.class);
        }
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("CAP LS 302");
            c.await(" LS ");
            c.send("NICK saslacct");
            c.send("USER s 0 * :S");
            c.send("CAP REQ :sasl");
            c.await(" ACK ");
            c.send("AUTHENTICATE PLAIN");
            assertThat(c.await("AUTHENTICATE")).isEqualTo("AUTHENTICATE +");
            c.send("AUTHENTICATE " + plain("saslacct", "wrong password"));
            c.await(" 904 ");
            c.send("AUTHENTICATE PLAIN");
            c.await("AUTHENTICATE +");
            c.send("AUTHENTICATE " + plain("saslacct", "correct horse battery"));
            assertThat(c.await(" 900 ")).contains(" saslacct :You are now logged in as saslacct");
            c.await(" 903 ");
            c.send("CAP END");
            c.await(" 001 saslacct ");
            c.await(" 366 saslacct #lobby ");
        }
        // the account's name without its password: 464 (RFC 2812 §3.1.1) and closed
        try (IrcTestClient c = IrcTestClient.connect(irc.port())) {
            c.send("NICK saslacct");
            c.send("USER s 0 * :S");
            c.await(" 464 ");
            c.awaitClosed();
        }
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
