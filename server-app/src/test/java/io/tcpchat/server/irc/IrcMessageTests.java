package io.tcpchat.server.irc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The line format (RFC 1459 §2.3.1, RFC 2812 §2.3.1, IRCv3 message-tags) without a server. */
class IrcMessageTests {

    @Test
    void parsesTagsPrefixCommandMiddleAndTrailingParams() {
        IrcMessage m = IrcMessage.parse("@time=2026-12-01T09:00:00.000Z;+x=a\\sb\\:c :bob!bob@host privmsg #lobby :hi all");
        assertThat(m.tags()).isEqualTo(Map.of("time", "2026-12-01T09:00:00.000Z", "+x", "a b;c"));
        assertThat(m.prefix()).isEqualTo("bob!bob@host");
        assertThat(m.command()).isEqualTo("PRIVMSG");
        assertThat(m.params()).containsExactly("#lobby", "hi all");
    }

    @Test
    void toleratesExtraSpacesAnEmptyTrailingAndBlankLines() {
        assertThat(IrcMessage.parse("USER  a 0 *  :").params()).containsExactly("a", "0", "*", "");
        assertThat(IrcMessage.parse("PING token").params()).containsExactly("token");
        assertThat(IrcMessage.parse("   ")).isNull();
        assertThat(IrcMessage.parse("")).isNull();
    }

    @Test
    void linesAreBuiltWithATrailingParamOnlyWhenNeededOrAsked() {
        assertThat(IrcLines.line(null, "srv", "JOIN", "#lobby")).isEqualTo(":srv JOIN #lobby");
        assertThat(IrcLines.line(null, "srv", "NOTICE", "me", "two words")).isEqualTo(":srv NOTICE me :two words");
        assertThat(IrcLines.line(null, "srv", "NOTICE", "me", ":colon")).isEqualTo(":srv NOTICE me ::colon");
        assertThat(IrcLines.lineTrailing("time=x", "srv", "PART", "#r", "bye")).isEqualTo("@time=x :srv PART #r :bye");
        assertThat(IrcLines.line(null, "srv", "NOTICE", "me", "no\r\ninjection")).isEqualTo(":srv NOTICE me :no  injection");
    }

    @Test
    void longTextsAreCutBetweenCodePointsIntoLinesOf512Bytes() {
        String text = "😀".repeat(300); // 4 bytes each
        List<String> lines = IrcLines.texts(null, "nick!nick@tcp-chat", "PRIVMSG", "#lobby", text, false);
        assertThat(lines).hasSizeGreaterThan(2);
        lines.forEach(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(512));
        assertThat(String.join("", lines.stream().map(l -> l.substring(l.indexOf(" :") + 2)).toList())).isEqualTo(text);
    }

    @Test
    void ctcpActionAndFormattingAreRecognised() {
        assertThat(IrcText.ctcp("\u0001ACTION waves\u0001")).isEqualTo(new IrcText.Ctcp("ACTION", "waves"));
        assertThat(IrcText.ctcp("\u0001VERSION\u0001")).isEqualTo(new IrcText.Ctcp("VERSION", ""));
        assertThat(IrcText.ctcp("plain")).isNull();
        assertThat(IrcText.plain("\u0002b\u0002 \u000312,4c\u000f \u000399x \u0004ff00ff,000000h\u001d\u001fi"))
                .isEqualTo("b c x hi");
        assertThat(IrcText.plain("tab\tand\u0007bell")).isEqualTo("tab\tandbell");
    }

    @Test
    void theLineCodecAcceptsCrLfAndLfAndRefusesOverlongLinesWithoutLosingTheNext() throws Exception {
        IrcLineCodec codec = new IrcLineCodec();
        String longRest = "PRIVMSG #x :" + "a".repeat(600);
        String longTags = "@" + "t".repeat(8200) + " PING :x";
        InputStream in = new ByteArrayInputStream(("NICK a\r\nUSER b 0 * :c\n" + longRest + "\r\n" + longTags
                + "\r\n@" + "t".repeat(8000) + " PING :ok\r\n" + "x".repeat(20000) + "\nPING :after\r\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(codec.deserialize(in)).isEqualTo(new IrcLineCodec.Line("NICK a"));
        assertThat(codec.deserialize(in)).isEqualTo(new IrcLineCodec.Line("USER b 0 * :c"));
        assertThat(codec.deserialize(in)).isInstanceOf(IrcLineCodec.TooLong.class); // 512 without tags
        assertThat(codec.deserialize(in)).isInstanceOf(IrcLineCodec.TooLong.class); // 8191 of tags
        assertThat(codec.deserialize(in)).isEqualTo(new IrcLineCodec.Line("@" + "t".repeat(8000) + " PING :ok"));
        assertThat(codec.deserialize(in)).isInstanceOf(IrcLineCodec.TooLong.class);
        assertThat(codec.deserialize(in)).isEqualTo(new IrcLineCodec.Line("PING :after"));
        assertThatThrownBy(() -> codec.deserialize(in))
                .isInstanceOf(org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException.class);
    }
}
