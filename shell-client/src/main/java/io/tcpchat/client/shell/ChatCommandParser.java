package io.tcpchat.client.shell;

import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.ParsedInput;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a typed line as a command for Spring Shell, with two changes to its default parser
 * that a chat needs:
 * <ul>
 *   <li>Words are split like a shell does: {@code "two words"}, {@code 'two words'} and
 *       {@code two\ words} are one word; a quote that is never closed is just a character,
 *       so {@code it's} stays {@code it's}.</li>
 *   <li>The text of a message is taken as typed: for {@code send} everything after the
 *       command, for {@code msg} everything after the user, spaces and quotes included. A
 *       text that is one quoted word loses its quotes ({@code send "hi"} sends {@code hi}).</li>
 * </ul>
 * The rest follows Spring Shell: {@code --name value} or {@code --name=value} options, a
 * bare {@code --name} is {@code true}, {@code --} ends the options, other words are
 * arguments numbered from 0. A leading {@code /} ({@code /who}) is allowed, as in IRC.
 */
public final class ChatCommandParser implements CommandParser {

    /** Command → how many words come before the free text. */
    private final Map<String, Integer> textCommands;

    public ChatCommandParser(Map<String, Integer> textCommands) {
        this.textCommands = Map.copyOf(textCommands);
    }

    /**
     * The parser for this client's commands: {@code send <text>} (or {@code say}), {@code msg <user>
     * <text>}, {@code me <text>}, and the room commands with free text: {@code topic}, {@code part}
     * (both {@code [#room] [text]}), {@code kick}/{@code ban <user> [reason]}, {@code close <#room>
     * [reason]}.
     */
    public static ChatCommandParser forChat() {
        return new ChatCommandParser(Map.of("send", 0, "say", 0, "msg", 1, "me", 0, "topic", 0, "part", 0,
                "kick", 1, "ban", 1, "close", 1, "mode", 0));
    }

    record Token(String text, int start, int end, boolean quoted) {
    }

    @Override
    public ParsedInput parse(String input) {
        List<Token> tokens = tokenize(input);
        if (tokens.isEmpty()) {
            return ParsedInput.builder().commandName("").build();
        }
        String name = commandName(tokens.getFirst().text());
        Integer before = textCommands.get(name);
        if (before == null) {
            return parseWords(name, tokens.subList(1, tokens.size()).stream().map(Token::text).toList());
        }
        ParsedInput.Builder builder = ParsedInput.builder().commandName(name);
        if (tokens.size() == 2 && isHelp(tokens.get(1).text())) {
            return builder.addOption(help()).build();
        }
        int index = 0;
        for (; index < before && index + 1 < tokens.size(); index++) {
            builder.addArgument(new CommandArgument(index, tokens.get(index + 1).text()));
        }
        if (before + 1 < tokens.size()) {
            List<Token> tail = tokens.subList(before + 1, tokens.size());
            // an empty quoted text stays as typed: "topic \"\"" clears a topic, it does not show it
            boolean stripQuotes = tail.size() == 1 && tail.getFirst().quoted() && !tail.getFirst().text().isEmpty();
            String text = stripQuotes
                    ? tail.getFirst().text()
                    : input.substring(tail.getFirst().start(), tail.getLast().end()).strip();
            builder.addArgument(new CommandArgument(before, text));
        }
        return builder.build();
    }

    /**
     * Parses words that were already split, as program arguments are by the shell that
     * started the client ({@code chat send "hello there"}).
     */
    public ParsedInput parse(List<String> words) {
        if (words.isEmpty()) {
            return ParsedInput.builder().commandName("").build();
        }
        String name = commandName(words.getFirst());
        Integer before = textCommands.get(name);
        List<String> rest = words.subList(1, words.size());
        if (before == null) {
            return parseWords(name, rest);
        }
        ParsedInput.Builder builder = ParsedInput.builder().commandName(name);
        if (rest.size() == 1 && isHelp(rest.getFirst())) {
            return builder.addOption(help()).build();
        }
        int index = 0;
        for (; index < before && index < rest.size(); index++) {
            builder.addArgument(new CommandArgument(index, rest.get(index)));
        }
        if (before < rest.size()) {
            builder.addArgument(new CommandArgument(before, String.join(" ", rest.subList(before, rest.size()))));
        }
        return builder.build();
    }

    /** The command a line starts with, or {@code ""}; used to tell commands from chat text. */
    public String commandOf(String line) {
        List<Token> tokens = tokenize(line);
        return tokens.isEmpty() ? "" : commandName(tokens.getFirst().text());
    }

    private static String commandName(String word) {
        return word.length() > 1 && word.startsWith("/") ? word.substring(1) : word;
    }

    private static ParsedInput parseWords(String name, List<String> words) {
        ParsedInput.Builder builder = ParsedInput.builder().commandName(name);
        int argument = 0;
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!optionsEnded && word.equals("--")) {
                optionsEnded = true;
            } else if (!optionsEnded && isOption(word)) {
                String body = word.startsWith("--") ? word.substring(2) : word.substring(1);
                int eq = body.indexOf('=');
                String key = eq < 0 ? body : body.substring(0, eq);
                String value;
                if (eq >= 0) {
                    value = body.substring(eq + 1);
                } else if (i + 1 < words.size() && !isOption(words.get(i + 1)) && !words.get(i + 1).equals("--")) {
                    value = words.get(++i);
                } else {
                    value = "true";
                }
                CommandOption.Builder option = CommandOption.with().value(value);
                if (word.startsWith("--")) {
                    option.longName(key).shortName(' ');
                } else {
                    option.shortName(key.charAt(0)).longName("");
                }
                builder.addOption(option.build());
            } else {
                builder.addArgument(new CommandArgument(argument++, word));
            }
        }
        return builder.build();
    }

    private static boolean isOption(String word) {
        return word.length() > 1 && word.startsWith("-") && !word.equals("--")
                && !Character.isDigit(word.charAt(1));
    }

    private static boolean isHelp(String word) {
        return word.equals("--help") || word.equals("-h");
    }

    private static CommandOption help() {
        return CommandOption.with().shortName('h').longName("help").value("true").build();
    }

    /** Splits a line into words, remembering where each was in the line. */
    static List<Token> tokenize(String line) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            StringBuilder word = new StringBuilder();
            boolean quotedWhole = false;
            boolean anyQuote = false;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                char c = line.charAt(i);
                if ((c == '"' || c == '\'') && line.indexOf(c, i + 1) > 0) {
                    int close = c == '"' ? closingDoubleQuote(line, i + 1) : line.indexOf(c, i + 1);
                    if (close < 0) {
                        word.append(c);
                        i++;
                        continue;
                    }
                    String inside = line.substring(i + 1, close);
                    word.append(c == '"' ? unescape(inside) : inside);
                    quotedWhole = !anyQuote && start == i;
                    anyQuote = true;
                    i = close + 1;
                } else if (c == '\\' && i + 1 < n) {
                    word.append(line.charAt(i + 1));
                    i += 2;
                } else {
                    word.append(c);
                    i++;
                }
            }
            boolean quoted = quotedWhole && (line.charAt(i - 1) == '"' || line.charAt(i - 1) == '\'');
            tokens.add(new Token(word.toString(), start, i, quoted));
        }
        return tokens;
    }

    private static int closingDoubleQuote(String line, int from) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                sb.append(s.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
