package io.tcpchat.client;

import io.tcpchat.client.connection.FakeServer;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The interactive client in real terminals: two sessions in tmux, keys typed with
 * {@code send-keys}, screens read with {@code capture-pane}. Skipped when tmux is missing,
 * except in CI ({@code CI=true}), where that is a failure.
 */
class InteractiveTmuxTests {

    @TempDir
    static Path dir;
    static TestServer server;
    /** A tmux server of our own, so the user's tmux sessions are never touched. */
    static final String SOCKET = "chat-test-" + ProcessHandle.current().pid();
    final List<String> sessions = new ArrayList<>();

    static boolean tmux;

    @BeforeAll
    static void tmuxAndServer() {
        tmux = tmuxWorks();
        if (!tmux) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("tmux is needed for the interactive tests in CI (apt-get install tmux)");
            }
            System.err.println("InteractiveTmuxTests: " + NO_TMUX);
            return;
        }
        // rooms for anyone, not only registered names: these users have no passwords
        server = TestServer.start(dir.resolve("server"), 0, "--chat.rooms.create=everyone");
        // tmux ends its server with its last session: between two tests a new session could meet
        // a server on its way out ("no server running"). One idle session keeps it up until the end.
        try {
            tmux("new-session", "-d", "-s", "keeper", "cat");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("tmux does not start", e);
        }
    }

    static final String NO_TMUX = "tmux is not installed: the interactive terminal tests are skipped"
            + " (apt-get install tmux to run them)";

    @BeforeEach
    void needsTmux() {
        Assumptions.assumeTrue(tmux, NO_TMUX);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (tmux) {
            tmux("kill-server");
        }
    }

    @AfterEach
    void closeSessions() throws Exception {
        for (String session : sessions) {
            tmux("kill-session", "-t", session);
        }
    }

    @Test
    void typedMessagesArriveAboveAHalfTypedLineThatStaysIntact() throws Exception {
        start("ann");
        start("ben");

        typeLine("ann", "hello ben, it's ann!");
        awaitScreen("ben", "<ann> hello ben, it's ann!");

        type("ben", "half a thou");
        awaitLastLine("ben", "ben> half a thou");

        typeLine("ann", "are you there?");
        awaitScreen("ben", "<ann> are you there?");
        // the message came in above the prompt; what ben was typing is still there, unbroken
        awaitLastLine("ben", "ben> half a thou");
        assertThat(screen("ben")).containsOnlyOnce("half a thou");

        typeLine("ben", "ght");
        awaitScreen("ann", "<ben> half a thought");

        typeLine("ben", "/msg ann only for you");
        awaitScreen("ann", "[ben → you] only for you");

        typeLine("ann", "/exit");
        awaitExit("ann", 0);
        awaitScreen("ben", "* ann left");
    }

    @Test
    void tabCompletesCommandsAndNames() throws Exception {
        start("cat");
        start("dan");
        awaitScreen("cat", "* dan joined");

        type("cat", "/wh");
        tmux("send-keys", "-t", "cat", "Tab");
        awaitLastLine("cat", "cat> /who");
        tmux("send-keys", "-t", "cat", "Enter");
        awaitScreen("cat", "2 users online: cat (you), dan");

        type("cat", "/msg d");
        tmux("send-keys", "-t", "cat", "Tab");
        awaitLastLine("cat", "cat> /msg dan");
        typeLine("cat", "completed");
        awaitScreen("dan", "[cat → you] completed");
    }

    @Test
    void plainLinesAreMessagesEvenWhenTheyStartWithACommandWord() throws Exception {
        start("eva");
        start("fox");

        typeLine("eva", "who wants lunch");
        awaitScreen("fox", "<eva> who wants lunch");
        typeLine("eva", "exit plan?");
        awaitScreen("fox", "<eva> exit plan?");
        typeLine("eva", "disconnect from work");
        awaitScreen("fox", "<eva> disconnect from work");
        typeLine("eva", "//etc/hosts is the file");
        awaitScreen("fox", "<eva> /etc/hosts is the file");
        typeLine("eva", "/say /tmp too");
        awaitScreen("fox", "<eva> /tmp too");
        // none of those ran a command: eva is still here, online, and no "users online" answer
        awaitLastLine("eva", "eva>");
        assertThat(screen("eva")).doesNotContain("users online").doesNotContain("Disconnected");

        type("eva", "lunch, f");
        tmux("send-keys", "-t", "eva", "Tab"); // names complete anywhere in chat text
        awaitLastLine("eva", "eva> lunch, fox");
        tmux("send-keys", "-t", "eva", "Enter");
        awaitScreen("fox", "<eva> lunch, fox");

        typeLine("eva", "/who");
        awaitScreen("eva", "2 users online: eva (you), fox");
    }

    /**
     * A server that passes on whatever it is sent (a fake one here, so the test does not depend
     * on what the real server refuses): escape sequences show as {@code ^[}, and a message with
     * line feeds stays one message, its later lines indented under the sender.
     */
    @Test
    void textFromOthersCannotClearTheScreenOrForgeALine() throws Exception {
        try (FakeServer fake = new FakeServer()) {
            launch("gus", fake.port());
            FakeServer.Peer peer = fake.accept();
            peer.welcome("gus");
            awaitScreen("gus", "Connected to localhost:" + fake.port() + " as gus.");
            awaitLastLine("gus", "gus>");

            peer.send(new ServerEvent.ChatMessage(1, Instant.now(), "bob", "\u001b[2J\u001b[Hgotcha\u001b[31m", null));
            peer.send(new ServerEvent.ChatMessage(2, Instant.now(), "eve", "hi\n12:00 <bob> forged", null));
            peer.send(new ServerEvent.Joined(3, Instant.now(), "m\u001b[8mx"));
            awaitScreen("gus", "* m^[[8mx joined");

            String screen = screen("gus");
            assertThat(screen).contains("<bob> ^[[2J^[[Hgotcha^[[31m")
                    .contains("Connected to localhost:" + fake.port()) // nothing was cleared
                    .doesNotContain("\u001b");
            List<String> lines = screen.lines().toList();
            String forged = lines.stream().filter(l -> l.contains("12:00 <bob> forged")).findFirst().orElseThrow();
            String first = lines.get(lines.indexOf(forged) - 1);
            assertThat(first).endsWith("<eve> hi");
            assertThat(forged.indexOf("12:00")).isEqualTo(first.indexOf("hi")); // under the text, not a line of its own
            awaitLastLine("gus", "gus>");
        }
    }

    @Test
    void aCompletedPathWithASpaceIsInsertedEscapedAndSent() throws Exception {
        start("ida");
        java.nio.file.Files.writeString(dir.resolve("ida/my report.txt"), "quarterly"); // ida's HOME

        type("ida", "/sendfile ~/my");
        tmux("send-keys", "-t", "ida", "Tab");
        awaitLastLine("ida", "ida> /sendfile ~/my\\ report.txt");
        tmux("send-keys", "-t", "ida", "Enter");
        awaitScreen("ida", "Sent my report.txt (9 B) as file #");

        typeLine("ida", "/sendfile \"~/my report.txt\""); // typed with quotes: the same file
        await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> assertThat(screen("ida").lines()
                .filter(l -> l.startsWith("-- Sent my report.txt (9 B)")).count()).isEqualTo(2));
    }

    /**
     * A download runs in the background: its progress is the status line, the prompt takes chat
     * meanwhile, Ctrl-C only clears the line, and /cancel stops the download (the partial file kept).
     */
    @Test
    void aDownloadRunsInTheBackgroundWhileThePromptStaysUsable() throws Exception {
        try (FakeServer fake = new FakeServer()) {
            launch("hal", fake.port());
            FakeServer.Peer peer = fake.accept();
            peer.welcome("hal");
            peer.expect(ClientEvent.Who.class);
            awaitLastLine("hal", "hal>");

            typeLine("hal", "/download 77");
            ClientEvent.Download asked = peer.expect(ClientEvent.Download.class);
            assertThat(asked.file()).isEqualTo(77);
            peer.send(new ServerEvent.DownloadStart(77, "big.bin", 1000, "00".repeat(32), 0, asked.ref()));
            peer.sendData(77, 0, new byte[100]); // and then nothing: a slow transfer
            await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> assertThat(lastLine("hal"))
                    .startsWith("receiving big.bin  [").contains("]  10%  100 B / 1000 B")); // the status line

            typeLine("hal", "still chatting");
            ClientEvent.Send send = peer.expect(ClientEvent.Send.class);
            assertThat(send.text()).isEqualTo("still chatting");
            peer.send(new ServerEvent.Ack(send.ref(), 5L, null));
            await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> { // a new prompt: the line was sent
                List<String> lines = screen("hal").lines().map(String::stripTrailing).toList();
                assertThat(lines.subList(lines.indexOf("hal> still chatting") + 1, lines.size())).contains("hal>");
            });

            tmux("send-keys", "-t", "hal", "C-c"); // clears the line; the download goes on
            awaitScreen("hal", "(type /exit or press Ctrl-D to leave)");
            typeLine("hal", "/cancel 77");
            assertThat(peer.expect(ClientEvent.Cancel.class).file()).isEqualTo(77);
            awaitScreen("hal", "Cancelled big.bin; the partial file is kept: /download 77 resumes it.");
            assertThat(screen("hal")).doesNotContain("! Cancelled"); // asked for: no problem to report
            await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> assertThat(screen("hal"))
                    .doesNotContain("receiving big.bin"));
            try (var partial = java.nio.file.Files.list(dir.resolve("hal/downloads"))) { // kept, to resume later
                assertThat(partial.filter(p -> p.getFileName().toString().endsWith(".77.part")).toList())
                        .singleElement().satisfies(p -> assertThat(p).hasSize(100));
            }

            // an upload too: its bytes go out, the server is slow to store them, /cancel stops it
            java.nio.file.Files.write(dir.resolve("hal/up.bin"), new byte[1000]);
            typeLine("hal", "/sendfile ~/up.bin");
            ClientEvent.Upload upload = peer.expect(ClientEvent.Upload.class);
            peer.send(new ServerEvent.UploadReady(upload.ref(), 88, 100));
            await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> assertThat(lastLine("hal"))
                    .startsWith("sending up.bin  [").contains("100%  1000 B / 1000 B"));
            typeLine("hal", "/cancel up.bin");
            assertThat(peer.expect(ClientEvent.Cancel.class).file()).isEqualTo(88); // after its data
            awaitScreen("hal", "-- Cancelled: up.bin was not sent.");

            typeLine("hal", "/exit");
            peer.expect(ClientEvent.Bye.class);
            awaitExit("hal", 0);
        }
    }

    /**
     * Rooms at a terminal: the prompt names the current room and counts what waits in the
     * others, a mention elsewhere is pointed out at once, Alt-1 and Ctrl-N switch and print what
     * was missed, /me is an action, a kick is one line and sends the user back to the lobby, and
     * a long paste asks before it goes out as one message.
     */
    @Test
    void roomsCountUnreadLinesAndKeysSwitchBetweenThem() throws Exception {
        start("joy");
        start("kim");
        typeLine("joy", "/join #Dev");
        awaitScreen("joy", "Joined #dev, a new room: you are its operator.");
        awaitLastLine("joy", "joy #dev>");
        typeLine("kim", "/join dev");
        awaitLastLine("kim", "kim #dev>");
        awaitScreen("joy", "* kim joined #dev");
        typeLine("joy", "/topic release friday");
        awaitScreen("kim", "* joy set the topic of #dev: release friday");
        typeLine("kim", "/members");
        awaitScreen("kim", "#dev (2 members, topic locked): @joy, kim (you)");

        type("kim", "/room #d");
        tmux("send-keys", "-t", "kim", "Tab"); // your rooms complete
        awaitLastLine("kim", "kim #dev> /room #dev");
        tmux("send-keys", "-t", "kim", "C-u");
        tmux("send-keys", "-t", "kim", "M-1"); // the first room: #lobby; #dev lines now wait
        awaitLastLine("kim", "kim #lobby>");
        typeLine("joy", "build is green");
        typeLine("joy", "/me ships it");
        awaitLastLine("kim", "kim #lobby [#dev 2]>");
        typeLine("joy", "kim, review please");
        awaitScreen("kim", "[#dev] joy mentioned you");
        awaitLastLine("kim", "kim #lobby [#dev 3]>");
        assertThat(screen("kim")).doesNotContain("build is green");
        assertThat(mentionStyle(tmux("capture-pane", "-p", "-e", "-t", "kim"), "joy mentioned you"))
                .contains("7"); // reverse video, as the name in the message itself

        type("kim", "half typed");
        tmux("send-keys", "-t", "kim", "C-n"); // the next room, the line kept
        awaitScreen("kim", "Now in #dev (3 unseen lines)");
        awaitLastLine("kim", "kim #dev> half typed");
        String screen = screen("kim");
        assertThat(screen).contains("<joy> build is green").contains("* joy ships it")
                .contains("<joy> kim, review please");
        String escaped = tmux("capture-pane", "-p", "-e", "-t", "kim");
        String before = escaped.substring(0, escaped.indexOf(", review please")).replaceAll("(\u001b\\[[0-9;]*m)+$", "");
        assertThat(before).endsWith("kim");
        assertThat(mentionStyle(before, "kim")).contains("7"); // the name stands out in the message too
        tmux("send-keys", "-t", "kim", "C-u");

        type("joy", "/kick k");
        tmux("send-keys", "-t", "joy", "Tab"); // the room's members complete
        awaitLastLine("joy", "joy #dev> /kick kim");
        typeLine("joy", " off topic");
        awaitScreen("joy", "Kicked kim from #dev.");
        awaitScreen("kim", "* you were kicked from #dev by joy: off topic");
        awaitLastLine("kim", "kim>"); // only #lobby left: the prompt of a client without rooms

        // seven lines pasted (bracketed, as terminals paste): one message, after a question
        tmux("set-buffer", "-b", "seven", "one\ntwo\nthree\nfour\nfive\nsix\nseven");
        tmux("paste-buffer", "-p", "-b", "seven", "-t", "kim");
        tmux("send-keys", "-t", "kim", "Enter");
        awaitLastLine("kim", "Send these 7 lines as one message? [y/N]");
        typeLine("kim", "y");
        awaitLastLine("joy", "joy #dev [#lobby 1]>"); // joy is in #dev: the lobby's line waits
        tmux("send-keys", "-t", "joy", "M-1");
        awaitScreen("joy", "Now in #lobby (1 unseen line)");
        List<String> lines = screen("joy").lines().toList();
        String first = lines.stream().filter(l -> l.endsWith("<kim> one")).findFirst().orElseThrow();
        String second = lines.get(lines.indexOf(first) + 1);
        assertThat(second.strip()).isEqualTo("two");
        assertThat(second.indexOf("two")).isEqualTo(first.indexOf("one")); // under the text: one message
    }

    /** The SGR codes right before {@code text} in a screen captured with its escapes ({@code capture-pane -e}). */
    static String mentionStyle(String screen, String text) {
        int at = screen.lastIndexOf(text);
        assertThat(at).as(text + " on the screen").isPositive();
        java.util.regex.Matcher sgr = java.util.regex.Pattern.compile("(\u001b\\[[0-9;]*m)+$")
                .matcher(screen.substring(0, at));
        return sgr.find() ? sgr.group() : "";
    }

    // ---------------------------------------------------------------- tmux

    void start(String user) throws Exception {
        launch(user, server.port());
        awaitScreen(user, "Connected to localhost:" + server.port() + " as " + user + ".");
        awaitLastLine(user, user + ">");
    }

    /** Starts a client in a new tmux session without waiting for it. */
    void launch(String user, int port) throws Exception {
        Path home = dir.resolve(user);
        java.nio.file.Files.createDirectories(home);
        List<String> words = new ArrayList<>(List.of("env", "LC_ALL=C.UTF-8", "LANG=C.UTF-8"));
        ClientProcess.environment(home, new java.util.HashMap<>()).forEach((k, v) -> words.add(k + "=" + v));
        words.addAll(ClientProcess.command("--port=" + port, "--user=" + user,
                "--downloads=" + home.resolve("downloads"), "--logging.level.io.tcpchat=debug",
                "--logging.file.name=" + home.resolve("client.log"), "--logging.threshold.console=off"));
        // the pane stays after the client ends and shows its exit status
        String shellCommand = String.join(" ", words.stream().map(InteractiveTmuxTests::quote).toList())
                + "; echo \"[exit $?]\"";
        tmux("new-session", "-d", "-s", user, "-x", "140", "-y", "40", shellCommand);
        sessions.add(user);
        tmux("set-window-option", "-t", user, "remain-on-exit", "on"); // to read the exit status
    }

    static void type(String session, String text) throws Exception {
        tmux("send-keys", "-t", session, "-l", text);
    }

    static void typeLine(String session, String text) throws Exception {
        type(session, text);
        tmux("send-keys", "-t", session, "Enter");
    }

    static String screen(String session) throws Exception {
        return tmux("capture-pane", "-p", "-t", session);
    }

    static void awaitScreen(String session, String text) {
        await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> assertThat(screen(session)).contains(text));
    }

    /** The last line with something on it, as a person sees it. */
    static void awaitLastLine(String session, String text) {
        await().atMost(ClientProcess.PATIENCE).untilAsserted(() -> {
            List<String> lines = screen(session).lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
            assertThat(lines).isNotEmpty();
            assertThat(lines.getLast()).isEqualTo(text);
        });
    }

    static String lastLine(String session) throws Exception {
        List<String> lines = screen(session).lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
        return lines.isEmpty() ? "" : lines.getLast();
    }

    static void awaitExit(String session, int status) {
        awaitScreen(session, "[exit " + status + "]");
    }

    static String tmux(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-u", "-L", SOCKET, "-f", "/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("TMUX"); // even when the tests themselves run inside tmux
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    static boolean tmuxWorks() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
