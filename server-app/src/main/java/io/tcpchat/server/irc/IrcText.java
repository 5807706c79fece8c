package io.tcpchat.server.irc;

/**
 * Text between IRC and CHAT/1. IRC formatting (mIRC bold, colours, italics, reset: C0
 * control characters) is dropped on the way in, since CHAT/1 refuses control characters in
 * {@code msg.text} other than TAB and LF; CTCP ACTION is the protocol's {@code kind:"action"}.
 */
final class IrcText {

    private static final char CTCP = '\u0001';

    private IrcText() {
    }

    /** A CTCP request's parts, or {@code null} for plain text. */
    record Ctcp(String command, String text) {
    }

    static Ctcp ctcp(String text) {
        if (text.length() < 2 || text.charAt(0) != CTCP) {
            return null;
        }
        String body = text.substring(1, text.charAt(text.length() - 1) == CTCP ? text.length() - 1 : text.length());
        int sp = body.indexOf(' ');
        return sp < 0 ? new Ctcp(body, "") : new Ctcp(body.substring(0, sp), body.substring(sp + 1));
    }

    /** Drops IRC formatting and any other control character CHAT/1 would refuse. */
    static String plain(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\u0003') {
                i = skipColour(text, i, false);
            } else if (ch == '\u0004') {
                i = skipColour(text, i, true);
            } else if (ch == '\t' || ch >= ' ' && ch != '\u007f' && (ch < '\u0080' || ch > '\u009f')) {
                b.append(ch);
            }
        }
        return b.toString();
    }

    /** {@code ^C} [fg [, bg]] with up to 2 digits each, or {@code ^D} with 6 hex digits each. */
    private static int skipColour(String text, int at, boolean hex) {
        int max = hex ? 6 : 2;
        int i = digits(text, at + 1, max, hex);
        if (i > at + 1 && i < text.length() - 1 && text.charAt(i) == ',' && isDigit(text.charAt(i + 1), hex)) {
            i = digits(text, i + 1, max, hex);
        }
        return i - 1;
    }

    private static int digits(String text, int from, int max, boolean hex) {
        int i = from;
        while (i < text.length() && i - from < max && isDigit(text.charAt(i), hex)) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char ch, boolean hex) {
        return ch >= '0' && ch <= '9' || hex && (ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F');
    }
}
