package io.tcpchat.client.shell;

import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * How the line reader splits a typed line into words, for completion. A command line
 * ({@code /sendfile ~/my re<TAB>}) is split like a shell does, with quotes and backslashes,
 * and a completed path is inserted escaped ({@code ~/my\ report.txt}), so the command reads it
 * back as one word. Chat text has no syntax: an apostrophe ({@code it's}) opens no quote and a
 * completed name gets no closing quote. Either way a line never waits for a quote to close.
 */
final class ChatLineParser implements Parser {

    private final DefaultParser command = new DefaultParser();
    private final DefaultParser chat = new DefaultParser();

    ChatLineParser() {
        command.setEofOnUnclosedQuote(false);
        command.setEofOnEscapedNewLine(false);
        command.setQuoteChars(new char[] {'\'', '"'});
        command.setEscapeChars(new char[] {'\\'});
        chat.setEofOnUnclosedQuote(false);
        chat.setEofOnEscapedNewLine(false);
        chat.setQuoteChars(new char[0]);
        chat.setEscapeChars(new char[0]);
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
        String start = line.stripLeading();
        boolean isCommand = start.startsWith("/") && !start.startsWith("//");
        return (isCommand ? command : chat).parse(line, cursor, context);
    }
}
