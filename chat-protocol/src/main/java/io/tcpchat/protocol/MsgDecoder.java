package io.tcpchat.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A decoder for the one request every client sends most, {@code msg}, in a single pass over
 * the bytes. Measured, Jackson's polymorphic path cost several microseconds a message. It
 * takes only the plain shape: one JSON object whose members are strings, with
 * {@code "type":"msg"}, a {@code text}, and optionally {@code to}, {@code room}, {@code kind} and {@code ref} (other
 * string members are ignored, as the protocol says). Anything else, valid or not (a number,
 * a nested value, a duplicate key, a bad escape, invalid UTF-8, trailing bytes), is left to
 * Jackson by returning {@code null}, so every error keeps Jackson's classification and
 * message. {@code MsgDecoderTests} checks it agrees with Jackson on random bodies.
 */
final class MsgDecoder {

    private final byte[] b;
    private int at;

    private MsgDecoder(byte[] body) {
        this.b = body;
    }

    /** The {@code msg} in {@code body}, or {@code null} to let Jackson decode it. */
    static ClientEvent.Send decode(byte[] body) {
        return new MsgDecoder(body).object();
    }

    private ClientEvent.Send object() {
        skipSpace();
        if (!take('{')) {
            return null;
        }
        String type = null;
        String text = null;
        String to = null;
        String ref = null;
        String room = null;
        String kind = null;
        skipSpace();
        if (take('}')) {
            return null;
        }
        boolean sawType = false;
        boolean sawText = false;
        boolean sawTo = false;
        boolean sawRef = false;
        boolean sawRoom = false;
        boolean sawKind = false;
        while (true) {
            skipSpace();
            String key = string();
            if (key == null) {
                return null;
            }
            skipSpace();
            if (!take(':')) {
                return null;
            }
            skipSpace();
            String value = string();
            if (value == null) {
                return null; // not a string (or a malformed one): Jackson's to judge
            }
            switch (key) {
                case "type" -> {
                    if (sawType) {
                        return null;
                    }
                    sawType = true;
                    type = value;
                }
                case "text" -> {
                    if (sawText) {
                        return null;
                    }
                    sawText = true;
                    text = value;
                }
                case "to" -> {
                    if (sawTo) {
                        return null;
                    }
                    sawTo = true;
                    to = value;
                }
                case "ref" -> {
                    if (sawRef) {
                        return null;
                    }
                    sawRef = true;
                    ref = value;
                }
                case "room" -> {
                    if (sawRoom) {
                        return null;
                    }
                    sawRoom = true;
                    room = value;
                }
                case "kind" -> {
                    if (sawKind) {
                        return null;
                    }
                    sawKind = true;
                    kind = value;
                }
                default -> {
                    // an unknown member: ignored (a duplicate of it is Jackson's to judge)
                    return null;
                }
            }
            skipSpace();
            if (take(',')) {
                continue;
            }
            if (!take('}')) {
                return null;
            }
            break;
        }
        skipSpace();
        if (at != b.length || !"msg".equals(type) || text == null) {
            return null;
        }
        return new ClientEvent.Send(text, to, room, kind, ref);
    }

    private boolean take(char c) {
        if (at < b.length && b[at] == c) {
            at++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (at < b.length && (b[at] == ' ' || b[at] == '\n' || b[at] == '\r' || b[at] == '\t')) {
            at++;
        }
    }

    /** A JSON string at the position, or {@code null} when there is none or it is not plain. */
    private String string() {
        if (!take('"')) {
            return null;
        }
        int start = at;
        boolean ascii = true;
        while (at < b.length) {
            byte c = b[at];
            if (c == '"') {
                String s = ascii ? new String(b, start, at - start, StandardCharsets.ISO_8859_1)
                        : Texts.isValidUtf8(b, start, at - start) ? new String(b, start, at - start, StandardCharsets.UTF_8)
                        : null;
                at++;
                return s;
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c >= 0 && c < 0x20) {
                return null; // a raw control character: invalid JSON, Jackson says so
            }
            if (c < 0) {
                ascii = false;
            }
            at++;
        }
        return null;
    }

    /** The rest of a string that holds escapes, from {@code start} (just after its quote). */
    private String escaped(int start) {
        at = start;
        StringBuilder sb = new StringBuilder();
        int run = at;
        while (at < b.length) {
            byte c = b[at];
            if (c == '"') {
                if (!appendRaw(sb, run, at)) {
                    return null;
                }
                at++;
                return sb.toString();
            }
            if (c >= 0 && c < 0x20) {
                return null;
            }
            if (c != '\\') {
                at++;
                continue;
            }
            if (!appendRaw(sb, run, at) || at + 1 >= b.length) {
                return null;
            }
            byte e = b[at + 1];
            at += 2;
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (at + 4 > b.length) {
                        return null;
                    }
                    int v = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(b[at + i], 16);
                        if (d < 0) {
                            return null;
                        }
                        v = v << 4 | d;
                    }
                    at += 4;
                    sb.append((char) v);
                }
                default -> {
                    return null;
                }
            }
            run = at;
        }
        return null;
    }

    private boolean appendRaw(StringBuilder sb, int from, int to) {
        if (from == to) {
            return true;
        }
        if (!Texts.isValidUtf8(b, from, to - from)) {
            return false;
        }
        sb.append(new String(b, from, to - from, StandardCharsets.UTF_8));
        return true;
    }
}
