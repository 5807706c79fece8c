package io.tcpchat.client.shell;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.shell.core.command.completion.CompletionProposal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatLineParserTests {

    final ChatLineParser parser = new ChatLineParser();

    ParsedLine complete(String line) {
        return parser.parse(line, line.length(), Parser.ParseContext.COMPLETE);
    }

    @Test
    void aCompletedPathWithSpacesIsInsertedEscapedAndReadBackAsOneWord() {
        ParsedLine typed = complete("/sendfile ~/my\\ re");
        assertThat(typed.word()).isEqualTo("~/my re"); // what the completer is given
        CharSequence inserted = ((CompletingParsedLine) typed).escape("~/my report (v2).txt", true);
        assertThat(inserted.toString()).isEqualTo("~/my\\ report\\ (v2).txt");

        String accepted = "/sendfile " + inserted + " --to bob";
        var parsed = ChatCommandParser.forChat().parse(accepted.substring(1));
        assertThat(parsed.arguments().getFirst().value()).isEqualTo("~/my report (v2).txt");
    }

    @Test
    void aQuoteOpenedByHandIsClosedByTheCompletion() {
        ParsedLine typed = complete("/sendfile \"~/my re");
        assertThat(typed.word()).isEqualTo("~/my re");
        // the raw word, opening quote included, is replaced by this
        assertThat(((CompletingParsedLine) typed).escape("~/my report.txt", true).toString())
                .isEqualTo("\"~/my report.txt\"");
    }

    @Test
    void chatTextHasNoQuotes() {
        ParsedLine typed = complete("it's lunch, f");
        assertThat(typed.word()).isEqualTo("f");
        assertThat(((CompletingParsedLine) typed).escape("fox", true).toString()).isEqualTo("fox");
        // and an unclosed quote never holds the line
        assertThat(parser.parse("it's \"", 6, Parser.ParseContext.ACCEPT_LINE).line()).isEqualTo("it's \"");
        assertThat(parser.parse("/send it's", 10, Parser.ParseContext.ACCEPT_LINE).line()).isEqualTo("/send it's");
    }

    @Test
    void pathsCompleteFromHomeAndFoldersStayOpen(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("my report.txt"), "x");
        Files.createDirectories(home.resolve("my docs"));
        Files.writeString(home.resolve(".hidden"), "x");
        PathCompletion paths = new PathCompletion(home, dir);

        List<CompletionProposal> found = paths.complete("~/my");
        assertThat(found).extracting(CompletionProposal::value).containsExactly("~/my docs/", "~/my report.txt");
        assertThat(found).extracting(CompletionProposal::complete).containsExactly(false, true);
        assertThat(paths.complete("~/")).extracting(CompletionProposal::value).doesNotContain("~/.hidden");
        assertThat(paths.complete("~/.h")).extracting(CompletionProposal::value).containsExactly("~/.hidden");
        assertThat(paths.complete("home/my r")).extracting(CompletionProposal::value)
                .containsExactly("home/my report.txt");
        assertThat(paths.complete("~/nowhere/x")).isEmpty();
    }
}
