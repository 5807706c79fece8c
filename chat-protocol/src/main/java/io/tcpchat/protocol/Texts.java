package io.tcpchat.protocol;

/**
 * Checks on text that JSON alone does not make: UTF-8 validity, code point counts, lone
 * surrogates, control characters. The one place these rules live: names, file names and
 * message texts all use them.
 */
public final class Texts {

    private Texts() {
    }

    /**
     * Whether {@code len} bytes from {@code off} are well-formed UTF-8 (RFC 3629): no overlong
     * forms, no surrogates, nothing past U+10FFFF.
     */
    public static boolean isValidUtf8(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= end || !cont(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= end || !cont(b[i + 1]) || !cont(b[i + 2])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F)) {
                    return false; // overlong, or a UTF-16 surrogate
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= end || !cont(b[i + 1]) || !cont(b[i + 2]) || !cont(b[i + 3])) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F)) {
                    return false; // overlong, or past U+10FFFF
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean cont(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** Whether the string holds a surrogate that is not half of a pair (possible through JSON escapes). */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code cp} is a control character: C0 (U+0000 to U+001F), DEL (U+007F) or C1
     * (U+0080 to U+009F). Such characters can move a terminal's cursor, clear its screen or
     * start an escape sequence, so nothing a peer shows to another may carry them.
     */
    public static boolean isControl(int cp) {
        return cp <= 0x1F || cp >= 0x7F && cp <= 0x9F;
    }

    /**
     * Whether {@code text} holds a control character other than TAB and LF: the rule of
     * {@code msg.text}, which may span lines and be indented but nothing more.
     */
    public static boolean hasControlOtherThanTabOrLf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // every control character is in the BMP, so chars suffice: no surrogate is one
            if (isControl(c) && c != '\t' && c != '\n') {
                return true;
            }
        }
        return false;
    }

    public static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
