package io.tcpchat.server.irc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One IRC line, parsed (RFC 1459 §2.3.1, RFC 2812 §2.3.1, IRCv3 message-tags):
 * {@code [@tags SPACE] [:prefix SPACE] command *(SPACE middle) [SPACE :trailing]}.
 * Example: {@code @time=2026-12-01T09:00:00.000Z :bob!bob@host PRIVMSG #lobby :hi all} has the
 * tag {@code time}, the prefix {@code bob!bob@host}, the command {@code PRIVMSG} and the
 * params {@code #lobby} and {@code hi all}. The command is upper-cased; a numeric stays as is.
 */
record IrcMessage(Map<String, String> tags, String prefix, String command, List<String> params) {

    /** Parses a line without its CR LF; {@code null} for an empty or blank line (ignored, RFC 2812 §2.3.1). */
    static IrcMessage parse(String line) {
        int i = 0;
        int n = line.length();
        Map<String, String> tags = Map.of();
        i = skipSpaces(line, i);
        if (i < n && line.charAt(i) == '@') {
            int end = indexOfSpace(line, i);
            tags = parseTags(line.substring(i + 1, end));
            i = skipSpaces(line, end);
        }
        String prefix = null;
        if (i < n && line.charAt(i) == ':') {
            int end = indexOfSpace(line, i);
            prefix = line.substring(i + 1, end);
            i = skipSpaces(line, end);
        }
        if (i >= n) {
            return null;
        }
        int end = indexOfSpace(line, i);
        String command = line.substring(i, end).toUpperCase(Locale.ROOT);
        i = skipSpaces(line, end);
        List<String> params = new ArrayList<>();
        while (i < n) {
            if (line.charAt(i) == ':') {
                params.add(line.substring(i + 1));
                break;
            }
            end = indexOfSpace(line, i);
            params.add(line.substring(i, end));
            i = skipSpaces(line, end);
        }
        return new IrcMessage(tags, prefix, command, List.copyOf(params));
    }

    String param(int index) {
        return index < params.size() ? params.get(index) : null;
    }

    int arity() {
        return params.size();
    }

    private static Map<String, String> parseTags(String raw) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : raw.split(";")) {
            if (tag.isEmpty()) {
                continue;
            }
            int eq = tag.indexOf('=');
            tags.put(eq < 0 ? tag : tag.substring(0, eq), eq < 0 ? "" : unescape(tag.substring(eq + 1)));
        }
        return tags;
    }

    /** Tag values escape ; SPACE \ CR LF (IRCv3 message-tags, "Escaping values"). */
    private static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\' || i + 1 == value.length()) {
                if (c != '\\') {
                    b.append(c);
                }
                continue;
            }
            char next = value.charAt(++i);
            b.append(switch (next) {
                case ':' -> ';';
                case 's' -> ' ';
                case 'r' -> '\r';
                case 'n' -> '\n';
                default -> next;
            });
        }
        return b.toString();
    }

    static String escapeTag(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> b.append("\\:");
                case ' ' -> b.append("\\s");
                case '\\' -> b.append("\\\\");
                case '\r' -> b.append("\\r");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static int indexOfSpace(String line, int from) {
        int sp = line.indexOf(' ', from);
        return sp < 0 ? line.length() : sp;
    }

    private static int skipSpaces(String line, int from) {
        while (from < line.length() && line.charAt(from) == ' ') {
            from++;
        }
        return from;
    }
}
