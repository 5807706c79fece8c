package io.tcpchat.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real client (its own process, as a user starts it) against the real server (in this
 * JVM). Sessions read their lines from a pipe and print plain lines, one-shot commands exit
 * with a status, so everything a person or a script sees can be checked.
 */
class ChatClientEndToEndTests {

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void server() {
        server = TestServer.start(dir.resolve("server"), 0, "--chat.rooms.create=everyone");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String port() {
        return "--port=" + server.port();
    }

    /** A person's session whose typed lines come from the test. */
    static ClientProcess session(String user, String... more) throws Exception {
        String[] args = new String[more.length + 3];
        args[0] = port();
        args[1] = "--user=" + user;
        args[2] = "--downloads=" + dir.resolve(user).resolve("downloads");
        System.arraycopy(more, 0, args, 3, more.length);
        ClientProcess client = ClientProcess.start(dir.resolve(user), args);
        client.awaitOut("Connected to localhost:" + server.port() + " as " + user + ".");
        return client;
    }

    static ClientProcess.Result oneShot(String user, String... command) throws Exception {
        String[] args = new String[command.length + 2];
        args[0] = port();
        args[1] = "--user=" + user;
        System.arraycopy(command, 0, args, 2, command.length);
        return ClientProcess.run(dir.resolve(user), args);
    }

    @Test
    void aMessageSentFromTheCommandLineReachesASession() throws Exception {
        try (ClientProcess ann = session("ann")) {
            ClientProcess.Result sent = oneShot("bot", "send", "hello", "from the bot");
            assertThat(sent.status()).as(sent.err()).isZero();
            assertThat(sent.out()).isEmpty();

            ann.awaitOut("<bot> hello from the bot");
            assertThat(ann.outLines()).anyMatch(line -> line.matches("\\d\\d:\\d\\d <bot> hello from the bot"));

            ClientProcess.Result history = oneShot("bot", "history", "5");
            assertThat(history.status()).as(history.err()).isZero();
            assertThat(history.out()).contains("<bot> hello from the bot");
        }
    }

    /** {@code --room}: a pipe session starts in the room, a one-shot command sends there; the lobby sees none of it. */
    @Test
    void aRoomTakesTheLinesOfAPipeAndOfOneCommand() throws Exception {
        try (ClientProcess ivy = session("ivy", "--room=#builds"); ClientProcess jon = session("jon")) {
            ivy.awaitOut("Now in #builds");
            ClientProcess.Result sent = oneShot("ci", "--room=builds", "send", "green");
            assertThat(sent.status()).as(sent.err()).isZero();
            ivy.awaitOut("<ci> green");

            ivy.type("thanks ci");
            ClientProcess.Result history = oneShot("ci", "--room=#builds", "history", "5");
            assertThat(history.out()).contains("<ci> green").contains("<ivy> thanks ci");

            assertThat(oneShot("ci", "send", "lobby news").status()).isZero();
            jon.awaitOut("<ci> lobby news");
            ivy.awaitOut("[#lobby] <ci> lobby news"); // a pipe shows other rooms' lines, marked
            assertThat(jon.out()).doesNotContain("green").doesNotContain("thanks");
        }
    }

    @Test
    void aDirectMessageReachesOnlyItsRecipient() throws Exception {
        try (ClientProcess dora = session("dora"); ClientProcess eli = session("eli")) {
            ClientProcess.Result sent = oneShot("finn", "msg", "dora", "for dora's eyes only");
            assertThat(sent.status()).as(sent.err()).isZero();
            dora.awaitOut("[finn -> you] for dora's eyes only");

            assertThat(oneShot("finn", "send", "for everyone").status()).isZero();
            eli.awaitOut("<finn> for everyone");
            dora.awaitOut("<finn> for everyone");
            assertThat(eli.out()).doesNotContain("eyes only");

            dora.close(); // SIGTERM, as when a terminal is closed: the client still says bye
            eli.awaitOut("* dora left");
            assertThat(eli.out()).doesNotContain("* dora left (disconnect)");
        }
    }

    @Test
    void aSentFileArrivesByteForByteOnItsOwn() throws Exception {
        byte[] data = new byte[1_500_000]; // six chunks of 256 KiB
        new Random(42).nextBytes(data);
        Path file = Files.write(dir.resolve("holiday photo.jpg"), data);
        try (ClientProcess gil = session("gil", "--auto-download=10MiB"); ClientProcess gia = session("gia")) {
            ClientProcess.Result sent = oneShot("hal", "sendfile", file.toString());
            assertThat(sent.status()).as(sent.err()).isZero();
            assertThat(sent.out()).matches("Sent holiday photo\\.jpg \\(1\\.4 MiB\\) as file #\\d+\\.");

            gil.awaitOut("* hal sent holiday photo.jpg (1.4 MiB) as file #");
            gil.awaitOut("Saved ");
            Path saved = dir.resolve("gil/downloads/holiday photo.jpg");
            assertThat(saved).exists();
            assertThat(Files.readAllBytes(saved)).isEqualTo(data);

            // without --auto-download nothing is fetched unasked; the announcement says how
            gia.awaitOut("* hal sent holiday photo.jpg (1.4 MiB) as file #");
            gia.awaitOut("-- /download ");
            assertThat(gia.out()).doesNotContain("Receiving").doesNotContain("Saved");
            assertThat(dir.resolve("gia/downloads/holiday photo.jpg")).doesNotExist();

            ClientProcess.Result files = oneShot("hal", "files");
            assertThat(files.out()).contains("holiday photo.jpg").contains("from you");
        }
    }

    @Test
    void aFileOverTheLimitIsOfferedThenFetchedOnRequest() throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("big.bin"), data);
        try (ClientProcess ivy = session("ivy", "--auto-download=100k")) {
            assertThat(oneShot("jon", "sendfile", file.toString(), "--to", "ivy").status()).isZero();
            ivy.awaitOut("* jon sent big.bin (293 KiB) to you as file #");
            ivy.awaitOut("over the automatic download limit of 100 KiB");
            assertThat(dir.resolve("ivy/downloads/big.bin")).doesNotExist();

            ivy.type("/download big.bin");
            ivy.awaitOut("Saved ~/downloads/big.bin (293 KiB, SHA-256 verified)."); // ivy's home is dir/ivy
            assertThat(Files.readAllBytes(dir.resolve("ivy/downloads/big.bin"))).isEqualTo(data);

            ivy.type("/download big.bin"); // again: a second copy, never over the first
            ivy.awaitOut("Saved ~/downloads/big (1).bin");
        }
    }

    @Test
    void typedLinesAreMessagesOrCommandsAndExitEndsWithStatusZero() throws Exception {
        try (ClientProcess kim = session("kim"); ClientProcess lou = session("lou")) {
            lou.type("it's me, lou!");
            kim.awaitOut("<lou> it's me, lou!");

            lou.type("who is there?"); // a message: commands start with /
            kim.awaitOut("<lou> who is there?");
            lou.type("/who");
            lou.awaitOut("users online: ");
            assertThat(lou.out()).contains("kim").contains("lou (you)");

            lou.type("/msg kim psst");
            kim.awaitOut("[lou -> you] psst");
            lou.awaitOut("[you -> kim] psst"); // the sender sees it went out

            lou.type("/nonsense");
            lou.awaitErr("Unknown command 'nonsense'. Type /help to see the commands");

            lou.type("/exit");
            assertThat(lou.waitFor()).isZero();
            kim.awaitOut("* lou left");
            assertThat(kim.out()).doesNotContain("/nonsense");
        }
    }

    @Test
    void aRegisteredNameNeedsItsPasswordFromThenOn() throws Exception {
        ClientProcess.Result tooShort = oneShot("zoe", "register", "--password", "pw");
        assertThat(tooShort.status()).isEqualTo(1);
        assertThat(tooShort.err()).contains("Not accepted: a password has at least");

        ClientProcess.Result registered = oneShot("zoe", "register", "--password", "correct horse");
        assertThat(registered.status()).as(registered.err()).isZero();
        assertThat(registered.out()).isEqualTo("Registered 'zoe'. From now on log in with --password.");

        ClientProcess.Result without = oneShot("zoe", "send", "hi");
        assertThat(without.status()).isEqualTo(1);
        assertThat(without.err()).contains("Password needed (--password)");

        ClientProcess.Result wrong = ClientProcess.run(dir.resolve("zoe"), port(), "--user=zoe", "--password=nope",
                "send", "hi");
        assertThat(wrong.status()).isEqualTo(1);
        assertThat(wrong.err()).contains("Login refused");

        // a bare --password reads it from stdin when that is no terminal
        try (ClientProcess piped = ClientProcess.start(dir.resolve("zoe"), port(), "--user=zoe", "--password",
                "send", "it is me")) {
            piped.type("correct horse");
            piped.closeInput();
            assertThat(piped.waitFor()).as(piped.err()).isZero();
        }
    }

    @Test
    void theExitStatusTellsScriptsWhatWentWrong() throws Exception {
        ClientProcess.Result refused = oneShot("max", "msg", "nobody-here", "hello?");
        assertThat(refused.status()).isEqualTo(1);
        assertThat(refused.err()).contains("! Not found").doesNotContain("Exception").doesNotContain("\tat ");

        ClientProcess.Result unknown = oneShot("max", "dance");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown command 'dance'");

        ClientProcess.Result usage = oneShot("max", "msg");
        assertThat(usage.status()).isEqualTo(2);
        assertThat(usage.err()).contains("Usage: msg <user> <text>");

        ClientProcess.Result badOption = ClientProcess.run(dir.resolve("max"), "--port", "none", "send", "x");
        assertThat(badOption.status()).isEqualTo(2);
        assertThat(badOption.err()).contains("chat: --port must be a number, not 'none'");

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ClientProcess.Result noServer = ClientProcess.run(dir.resolve("max"), "--port=" + closedPort, "--user=max",
                "send", "anyone?");
        assertThat(noServer.status()).isEqualTo(3);
        assertThat(noServer.err()).contains("Could not connect to localhost:" + closedPort + " (connection refused).");

    }

    @Test
    void aScriptStopsAtItsFirstFailure() throws Exception {
        Path script = Files.writeString(dir.resolve("jobs.chat"), """
                # a comment, then work
                send first line
                msg nobody-here lost
                send never sent
                """);
        try (ClientProcess nat = session("nat")) {
            ClientProcess.Result run = ClientProcess.run(dir.resolve("oz"), port(), "--user=oz", "@" + script);
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).contains("jobs.chat:3: stopped here.");
            nat.awaitOut("<oz> first line");
            assertThat(oneShot("oz", "send", "after the script").status()).isZero();
            nat.awaitOut("<oz> after the script");
            assertThat(nat.out()).doesNotContain("never sent");
        }
    }

    @Test
    void historyPagesBackPastTheNewestEvents() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 7; i++) {
            lines.append("send page-").append(i).append('\n');
        }
        lines.append("history 3\nhistory more\nhistory more 1\n");
        Path script = Files.writeString(dir.resolve("pages.chat"), lines.toString());
        ClientProcess.Result run = ClientProcess.run(dir.resolve("ray"), port(), "--user=ray", "@" + script);
        assertThat(run.status()).as(run.err()).isZero();
        // three pages, newest first, each oldest first: 5 6 7, then 2 3 4, then 1
        assertThat(run.out().lines().filter(l -> l.contains("<ray> page-")).map(l -> l.substring(l.indexOf("page-")))
                .toList()).containsExactly("page-5", "page-6", "page-7", "page-2", "page-3", "page-4", "page-1");
        assertThat(run.out()).contains("-- older events exist: /history more");
    }

    @Test
    void aScriptThatWorksEndsWithStatusZero() throws Exception {
        Path script = Files.writeString(dir.resolve("ok.chat"), "send from a script\nwho\nexit\nsend not after exit\n");
        try (ClientProcess pam = session("pam")) {
            ClientProcess.Result run = ClientProcess.run(dir.resolve("quinn"), port(), "--user=quinn", "--script",
                    script.toString());
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("users online").contains("quinn (you)");
            pam.awaitOut("<quinn> from a script");
            await().atMost(ClientProcess.PATIENCE).until(() -> pam.countOut("* quinn left") >= 1);
            assertThat(pam.out()).doesNotContain("not after exit");
        }
    }
}
