package io.tcpchat.client.shell;

import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventRendererTests {

    static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");
    final EventRenderer plain = new EventRenderer(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"), false);
    final EventRenderer fancy = new EventRenderer(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"), true);

    @Test
    void aMessageShowsTimeSenderAndText() {
        var m = new ServerEvent.ChatMessage(7, NOW, "alice", "lunch?", null);
        assertThat(plain.render(m, "bob").toString()).isEqualTo("15:09 <alice> lunch?");
    }

    @Test
    void directMessagesSayWhoToAndStandOut() {
        var in = new ServerEvent.ChatMessage(8, NOW, "alice", "psst", "bob");
        assertThat(plain.render(in, "bob").toString()).isEqualTo("15:09 [alice -> you] psst");
        assertThat(fancy.render(in, "BOB").toString()).isEqualTo("15:09 [alice → you] psst");
        var out = new ServerEvent.ChatMessage(9, NOW, "bob", "ok", "alice");
        assertThat(plain.render(out, "bob").toString()).isEqualTo("15:09 [you -> alice] ok");

        AttributedString styled = plain.render(in, "bob");
        int at = styled.toString().indexOf("psst");
        assertThat(styled.styleAt(at)).isEqualTo(EventRenderer.DIRECT);
    }

    @Test
    void presenceAndFiles() {
        assertThat(plain.render(new ServerEvent.Joined(1, NOW, "cy"), "bob").toString())
                .isEqualTo("15:09 * cy joined");
        assertThat(plain.render(new ServerEvent.Left(2, NOW, "cy", "bye"), "bob").toString())
                .isEqualTo("15:09 * cy left");
        assertThat(plain.render(new ServerEvent.Left(3, NOW, "cy", "slow_consumer"), "bob").toString())
                .isEqualTo("15:09 * cy left (slow consumer)");
        var file = new ServerEvent.FileAvailable(4, NOW, "alice", 42, "report.pdf", 1536, "ab", null);
        assertThat(plain.render(file, "bob").toString())
                .isEqualTo("15:09 * alice sent report.pdf (1.5 KiB) as file #42");
        var direct = new ServerEvent.FileAvailable(5, NOW, "alice", 43, "x.bin", 10, "ab", "bob");
        assertThat(plain.render(direct, "bob").toString())
                .isEqualTo("15:09 * alice sent x.bin (10 B) to you as file #43");
    }

    @Test
    void olderEventsShowTheirDay() {
        var old = new ServerEvent.ChatMessage(1, Instant.parse("2026-03-01T08:00:00Z"), "alice", "hi", null);
        assertThat(plain.render(old, "bob").toString()).isEqualTo("Mar 1 08:00 <alice> hi");
    }

    @Test
    void theTimeFormatIsTheUsersChoice() {
        var seconds = new EventRenderer(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"), false, "h:mm:ss a");
        var m = new ServerEvent.ChatMessage(7, NOW, "alice", "lunch?", null);
        assertThat(seconds.render(m, "bob").toString()).isEqualTo("3:09:26 PM <alice> lunch?");
        var old = new ServerEvent.ChatMessage(1, Instant.parse("2026-03-01T08:00:00Z"), "alice", "hi", null);
        assertThat(seconds.render(old, "bob").toString()).isEqualTo("Mar 1 8:00:00 AM <alice> hi");
    }

    @Test
    void errorsAndNotices() {
        AttributedString error = plain.error("Wrong password for this name.");
        assertThat(error.toString()).isEqualTo("! Wrong password for this name.");
        assertThat(error.styleAt(0)).isEqualTo(EventRenderer.ERROR);
        assertThat(plain.info("Saved x").toString()).isEqualTo("-- Saved x");
    }

    @Test
    void whoAndFiles() {
        assertThat(plain.users(List.of("alice", "bob"), "bob").toString())
                .isEqualTo("2 users online: alice, bob (you)");
        assertThat(plain.users(List.of("bob"), "bob").toString()).isEqualTo("1 user online: bob (you)");
        var files = List.of(new ServerEvent.FileAvailable(4, NOW, "alice", 7, "a.txt", 3, "x", null),
                new ServerEvent.FileAvailable(5, NOW, "bob", 12, "b.txt", 2048, "y", "alice"));
        assertThat(plain.files(files, "bob").toString()).isEqualTo(
                " #7        3 B  15:09  a.txt  from alice\n"
                        + "#12    2.0 KiB  15:09  b.txt  from you to alice");
        assertThat(plain.files(List.of(), "bob").toString()).isEqualTo("No files yet.");
    }

    @Test
    void controlCharactersAreShownNotObeyed() {
        var clear = new ServerEvent.ChatMessage(1, NOW, "mallory", "\u001b[2J\u001b[31mred\rback\u0007", null);
        AttributedString line = plain.render(clear, "bob");
        assertThat(line.toString()).isEqualTo("15:09 <mallory> ^[[2J^[[31mred^Mback^G");
        assertThat(line.toString()).doesNotContain("\u001b").doesNotContain("\r");
        // shown in their own style, so a typed "^[" and a real ESC differ on a terminal
        int esc = line.toString().indexOf("^[");
        assertThat(line.styleAt(esc)).isEqualTo(AttributedStyle.DEFAULT.inverse());
        assertThat(line.styleAt(line.toString().indexOf("red"))).isEqualTo(AttributedStyle.DEFAULT);

        var c1 = new ServerEvent.ChatMessage(2, NOW, "mallory", "a\u009b2Jb\u202Eevil\u007f", null);
        assertThat(plain.render(c1, "bob").toString()).isEqualTo("15:09 <mallory> a\\u009B2Jb\\u202Eevil^?");
        assertThat(plain.render(new ServerEvent.ChatMessage(3, NOW, "m", "tab\tstays", null), "bob").toString())
                .isEqualTo("15:09 <m> tab\tstays");
    }

    @Test
    void aMultiLineMessageCannotForgeALineOfItsOwn() {
        var forged = new ServerEvent.ChatMessage(1, NOW, "mallory", "hi\n12:00 <bob> forged\nbye", null);
        assertThat(plain.render(forged, "ann").toString()).isEqualTo("""
                15:09 <mallory> hi
                                12:00 <bob> forged
                                bye""");
        var direct = new ServerEvent.ChatMessage(2, NOW, "mallory", "a\nb", "ann");
        assertThat(plain.render(direct, "ann").toString()).isEqualTo("15:09 [mallory -> you] a\n"
                + " ".repeat("15:09 [mallory -> you] ".length()) + "b");
    }

    @Test
    void namesFileNamesReasonsAndNoticesAreMadeSafeToo() {
        assertThat(plain.render(new ServerEvent.Joined(1, NOW, "ev\u001b[2Jil"), "bob").toString())
                .isEqualTo("15:09 * ev^[[2Jil joined");
        assertThat(plain.render(new ServerEvent.Left(2, NOW, "x", "gone\nfor good"), "bob").toString())
                .isEqualTo("15:09 * x left (gone^Jfor good)");
        var file = new ServerEvent.FileAvailable(3, NOW, "al\nice", 9, "a\u001b]0;title\u0007.txt", 1, "ab",
                null);
        assertThat(plain.render(file, "bob").toString())
                .isEqualTo("15:09 * al^Jice sent a^[]0;title^G.txt (1 B) as file #9");
        assertThat(plain.files(List.of(file), "bob").toString()).contains("a^[]0;title^G.txt  from al^Jice");
        assertThat(plain.users(List.of("a\u001bb"), "bob").toString()).isEqualTo("1 user online: a^[b");
        assertThat(plain.error("No such file: x\u001b[2J\ny").toString()).isEqualTo("! No such file: x^[[2J^Jy");
        assertThat(plain.info("Saved \u009b").toString()).isEqualTo("-- Saved \\u009B");
    }

    @Test
    void yourNameInSomeoneElsesMessageStandsOutAndRings() {
        var named = new ServerEvent.ChatMessage(1, NOW, "bob", "lunch, Ada? ask adam too", null);
        AttributedString line = plain.render(named, "ada");
        String text = line.toString();
        assertThat(text).isEqualTo("15:09 <bob> lunch, Ada? ask adam too");
        assertThat(line.styleAt(text.indexOf("Ada"))).isEqualTo(EventRenderer.MENTION);
        assertThat(line.styleAt(text.indexOf("adam"))).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(plain.wantsAttention(named, "ada")).isTrue();

        assertThat(plain.wantsAttention(new ServerEvent.ChatMessage(2, NOW, "bob", "ask adam", null), "ada")).isFalse();
        assertThat(plain.wantsAttention(new ServerEvent.ChatMessage(3, NOW, "bob", "psst", "ada"), "ada")).isTrue();
        var own = new ServerEvent.ChatMessage(4, NOW, "ada", "I am ada", null);
        assertThat(plain.wantsAttention(own, "ada")).isFalse();
        AttributedString mine = plain.render(own, "ada");
        assertThat(mine.styleAt(mine.toString().lastIndexOf("ada"))).isEqualTo(AttributedStyle.DEFAULT);
        assertThat(plain.wantsAttention(new ServerEvent.Joined(5, NOW, "ada"), "ada")).isFalse();
        assertThat(plain.wantsAttention(new ServerEvent.ChatMessage(6, NOW, "bob", "ada.", null), "ada")).isTrue();
    }

    @Test
    void everyNameKeepsItsColour() {
        assertThat(EventRenderer.nameStyle("Alice")).isEqualTo(EventRenderer.nameStyle("alice"));
    }

    @Test
    void actionsReadAsWhatSomeoneDoes() {
        var action = new ServerEvent.ChatMessage(7, NOW, "alice", "waves", null, null, "action");
        assertThat(plain.render(action, "bob").toString()).isEqualTo("15:09 * alice waves");
        var direct = new ServerEvent.ChatMessage(8, NOW, "alice", "winks", "bob", null, "action");
        assertThat(plain.render(direct, "bob").toString()).isEqualTo("15:09 [alice -> you] * alice winks");
    }

    @Test
    void linesOfAnotherRoomSayWhichAndRoomEventsAreOneLineNotices() {
        var dev = new ServerEvent.ChatMessage(7, NOW, "carol", "hi", null, "#dev", null);
        assertThat(plain.render(dev, "bob", "#dev").toString()).isEqualTo("15:09 <carol> hi");
        assertThat(plain.render(dev, "bob", "#lobby").toString()).isEqualTo("15:09 [#dev] <carol> hi");
        var lobby = new ServerEvent.ChatMessage(8, NOW, "carol", "hi", null);
        assertThat(plain.render(lobby, "bob", "#dev").toString()).isEqualTo("15:09 [#lobby] <carol> hi");
        assertThat(plain.render(lobby, "bob", null).toString()).isEqualTo("15:09 <carol> hi"); // no rooms

        var kick = new ServerEvent.RoomLeft(9, NOW, "#dev", "carol", "kick", "alice", "off topic");
        assertThat(plain.render(kick, "bob", "#dev").toString())
                .isEqualTo("15:09 * carol was kicked from #dev by alice: off topic");
        assertThat(plain.render(kick, "carol", "#lobby").toString())
                .isEqualTo("15:09 * you were kicked from #dev by alice: off topic");
        assertThat(plain.render(new ServerEvent.RoomJoined(10, NOW, "#dev", "dan", null), "bob", "#dev").toString())
                .isEqualTo("15:09 * dan joined #dev");
        assertThat(plain.render(new ServerEvent.RoomTopic(11, NOW, "#dev", "alice", "ship \u001b[2J it"), "bob",
                "#dev").toString()).isEqualTo("15:09 * alice set the topic of #dev: ship ^[[2J it");
        assertThat(plain.render(new ServerEvent.RoomMode(12, NOW, "#dev", "alice", true, true), "bob", "#dev")
                .toString()).isEqualTo("15:09 * alice set #dev to invite-only, topic locked to operators");
        assertThat(plain.render(new ServerEvent.RoomInvite(13, NOW, "#dev", "alice", "bob"), "bob", "#lobby")
                .toString()).isEqualTo("15:09 * alice invited you to #dev: /join #dev");
    }

    @Test
    void aMentionInAnotherRoomIsOneLineThatStandsOut() {
        var m = new ServerEvent.ChatMessage(7, NOW, "bob", "ada, look", null, "#ops", null);
        AttributedString line = plain.mentioned("#ops", m);
        assertThat(line.toString()).isEqualTo("15:09 [#ops] bob mentioned you");
        assertThat(line.styleAt(line.toString().indexOf("bob"))).isEqualTo(EventRenderer.MENTION);
        assertThat(plain.wantsAttention(m, "ada")).isTrue();
    }
}
