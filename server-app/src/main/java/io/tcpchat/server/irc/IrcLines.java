package io.tcpchat.server.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds outgoing IRC lines: tags, prefix, command, params (the last one trailing when it must
 * be), each line at most 512 bytes with its CR LF without the tags (RFC 1459 §2.3). Texts too
 * long for one line are cut at code point boundaries into several lines.
 */
final class IrcLines {

    /** The host every user appears to come from: addresses are nobody else's business. */
    static final String HOST = "tcp-chat";
    private static final int MAX_BYTES = 510;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IrcLines() {
    }

    static String mask(String nick) {
        return nick + "!" + nick + "@" + HOST;
    }

    /** One line; {@code tags} may be null or empty. Params are cleaned of CR, LF and NUL. */
    static String line(String tags, String prefix, String command, String... params) {
        return build(tags, prefix, command, false, params);
    }

    /** As {@link #line}, with the last param always trailing (a list of names, say). */
    static String lineTrailing(String tags, String prefix, String command, String... params) {
        return build(tags, prefix, command, true, params);
    }

    private static String build(String tags, String prefix, String command, boolean trailing, String... params) {
        StringBuilder b = new StringBuilder(64);
        if (tags != null && !tags.isEmpty()) {
            b.append('@').append(tags).append(' ');
        }
        if (prefix != null) {
            b.append(':').append(prefix).append(' ');
        }
        b.append(command);
        for (int i = 0; i < params.length; i++) {
            String p = clean(params[i]);
            b.append(' ');
            if (i == params.length - 1 && (trailing || p.isEmpty() || p.indexOf(' ') >= 0 || p.charAt(0) == ':')) {
                b.append(':');
            }
            b.append(p);
        }
        return b.toString();
    }

    /**
     * A text command (PRIVMSG, NOTICE) as as many lines as its text needs: one per line of the
     * text, each cut to fit; {@code action} wraps each piece in CTCP ACTION.
     */
    static List<String> texts(String tags, String prefix, String command, String target, String text,
                              boolean action) {
        String head = line(tags, prefix, command, clean(target)) + " :";
        String withoutTags = line(null, prefix, command, clean(target)) + " :";
        int room = MAX_BYTES - withoutTags.getBytes(StandardCharsets.UTF_8).length - (action ? 9 : 0);
        List<String> lines = new ArrayList<>();
        for (String piece : text.split("\n", -1)) {
            for (String part : cut(clean(piece), Math.max(room, 16))) {
                lines.add(head + (action ? "\u0001ACTION " + part + "\u0001" : part));
            }
        }
        return lines;
    }

    /** Pieces of {@code text} of at most {@code maxBytes} UTF-8 bytes, cut between code points. */
    static List<String> cut(String text, int maxBytes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > maxBytes) {
                out.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += len;
            i += Character.charCount(cp);
        }
        out.add(text.substring(start));
        return out;
    }

    /** The IRCv3 server-time tag value: UTC, milliseconds, Z. */
    static String time(Instant ts) {
        return TIME.format(ts);
    }

    private static String clean(String p) {
        if (p == null) {
            return "*";
        }
        if (p.indexOf('\r') < 0 && p.indexOf('\n') < 0 && p.indexOf('\0') < 0) {
            return p;
        }
        return p.replace('\r', ' ').replace('\n', ' ').replace('\0', ' ');
    }
}
