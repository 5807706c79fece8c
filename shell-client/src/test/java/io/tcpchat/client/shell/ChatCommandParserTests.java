package io.tcpchat.client.shell;

import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCommandParserTests {

    final ChatCommandParser parser = ChatCommandParser.forChat();

    static List<String> args(ParsedInput parsed) {
        return parsed.arguments().stream().map(CommandArgument::value).toList();
    }

    static String option(ParsedInput parsed, String name) {
        return parsed.options().stream().filter(o -> name.equals(o.longName())).map(CommandOption::value)
                .findFirst().orElse(null);
    }

    @Test
    void theTextOfAMessageIsKeptAsTyped() {
        ParsedInput send = parser.parse("send  it's   \"quoted\" --not-an-option  ");
        assertThat(send.commandName()).isEqualTo("send");
        assertThat(args(send)).containsExactly("it's   \"quoted\" --not-an-option");
        assertThat(send.options()).isEmpty();

        ParsedInput msg = parser.parse("msg bob don't   panic");
        assertThat(args(msg)).containsExactly("bob", "don't   panic");
    }

    @Test
    void oneQuotedWordLosesItsQuotes() {
        assertThat(args(parser.parse("send \"hello there\""))).containsExactly("hello there");
        assertThat(args(parser.parse("msg 'bob' 'hi you'"))).containsExactly("bob", "hi you");
    }

    @Test
    void aMessageWithoutTextHasNoTextArgument() {
        assertThat(args(parser.parse("send"))).isEmpty();
        assertThat(args(parser.parse("msg bob"))).containsExactly("bob");
    }

    @Test
    void helpIsAnOptionEvenForMessages() {
        ParsedInput help = parser.parse("send --help");
        assertThat(help.options()).singleElement().extracting(CommandOption::longName).isEqualTo("help");
        assertThat(args(help)).isEmpty();
    }

    @Test
    void otherCommandsHaveOptionsAndArguments() {
        ParsedInput parsed = parser.parse("sendfile \"my file.txt\" --to bob");
        assertThat(parsed.commandName()).isEqualTo("sendfile");
        assertThat(args(parsed)).containsExactly("my file.txt");
        assertThat(option(parsed, "to")).isEqualTo("bob");

        ParsedInput eq = parser.parse("connect --host=h --port 99 --password");
        assertThat(option(eq, "host")).isEqualTo("h");
        assertThat(option(eq, "port")).isEqualTo("99");
        assertThat(option(eq, "password")).isEqualTo("true");
    }

    @Test
    void wordsAreSplitLikeAShellDoes() {
        assertThat(ChatCommandParser.tokenize("a\\ b 'c d' \"e \\\"f\\\"\" it's"))
                .extracting(ChatCommandParser.Token::text)
                .containsExactly("a b", "c d", "e \"f\"", "it's");
    }

    @Test
    void doubleDashEndsTheOptions() {
        ParsedInput parsed = parser.parse("sendfile -- --weird-name");
        assertThat(args(parsed)).containsExactly("--weird-name");
        assertThat(parsed.options()).isEmpty();
    }

    @Test
    void aLeadingSlashIsAllowed() {
        assertThat(parser.parse("/who").commandName()).isEqualTo("who");
        assertThat(parser.commandOf("  /msg bob hi")).isEqualTo("msg");
        assertThat(parser.commandOf("hello world")).isEqualTo("hello");
        assertThat(parser.commandOf("   ")).isEmpty();
    }

    @Test
    void negativeNumbersAreArgumentsNotOptions() {
        assertThat(args(parser.parse("history -5"))).containsExactly("-5");
    }

    @Test
    void programArgumentsAreAlreadySplit() {
        ParsedInput send = parser.parse(List.of("send", "hello", "there"));
        assertThat(args(send)).containsExactly("hello there");

        ParsedInput msg = parser.parse(List.of("msg", "ada", "it's \"fine\""));
        assertThat(args(msg)).containsExactly("ada", "it's \"fine\"");

        ParsedInput file = parser.parse(List.of("sendfile", "a b.txt", "--to", "ada"));
        assertThat(args(file)).containsExactly("a b.txt");
        assertThat(option(file, "to")).isEqualTo("ada");
    }

    @Test
    void roomCommandsKeepTheirReasonsAndTopicsAsTyped() {
        assertThat(args(parser.parse("/me waves  at --everyone"))).containsExactly("waves  at --everyone");
        assertThat(args(parser.parse("/kick carol stop it's   enough"))).containsExactly("carol", "stop it's   enough");
        assertThat(args(parser.parse("/ban carol"))).containsExactly("carol");
        assertThat(args(parser.parse("/topic #dev release on friday"))).containsExactly("#dev release on friday");
        assertThat(args(parser.parse("/close #dev it's done"))).containsExactly("#dev", "it's done");
        assertThat(args(parser.parse("/topic \"\""))).containsExactly("\"\""); // clears, unlike no text
        assertThat(args(parser.parse("/mode -i"))).containsExactly("-i"); // a change, not an option
        assertThat(parser.parse("/mode -i").options()).isEmpty();
        assertThat(RoomCommands.roomAndText("#dev bye  all")).containsExactly("#dev", "bye  all");
        assertThat(RoomCommands.roomAndText("bye all")).containsExactly(null, "bye all");
        assertThat(RoomCommands.roomAndText("")).containsExactly(null, "");
    }
}
