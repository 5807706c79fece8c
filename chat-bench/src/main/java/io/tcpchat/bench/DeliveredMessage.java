package io.tcpchat.bench;

import java.nio.charset.StandardCharsets;

/**
 * Reads a delivered broadcast {@code msg} straight from its JSON bytes: {@code from} and the
 * bench header of {@code text}, without building the event. The server writes a {@code msg}
 * as {@code {"type":"msg","seq":N,"ts":"...","from":"NAME","text":"cb:..."}}, with
 * {@code ,"room":"#NAME"} before the closing brace for a room's message; anything else
 * (another layout, escapes, a direct message, a {@code kind}) returns {@code null} and is decoded the
 * ordinary way, so the checks never depend on this shortcut being right, only its speed does.
 * Decoding every delivery with the full JSON codec cost the bench more CPU than the server.
 */
final class DeliveredMessage {

    private static final byte[] PREFIX = "{\"type\":\"msg\",\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FROM = "\"from\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT = ("\"text\":\"" + MessageText.MARK).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TO = "\"to\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROOM = ",\"room\":\"".getBytes(StandardCharsets.US_ASCII);

    /** What the checks need of a delivery; {@code room} is {@code null} for {@code #lobby}. */
    record Fields(String from, MessageText.Parsed text, String room) {
    }

    private DeliveredMessage() {
    }

    static Fields parse(byte[] b) {
        if (!startsWith(b, 0, PREFIX)) {
            return null;
        }
        int from = indexOf(b, FROM, PREFIX.length);
        if (from < 0) {
            return null;
        }
        int nameAt = from + FROM.length;
        int nameEnd = nameAt;
        while (nameEnd < b.length && b[nameEnd] != '"') {
            if (b[nameEnd] == '\\') {
                return null;
            }
            nameEnd++;
        }
        int text = indexOf(b, TEXT, nameEnd);
        if (text < 0) {
            return null;
        }
        MessageText.Parsed header = MessageText.parse(b, text + TEXT.length - MessageText.MARK.length());
        if (header == null || indexOf(b, TO, nameEnd) >= 0) {
            return null;
        }
        // a bench text holds no quote or backslash: the next quote ends it
        int textEnd = text + TEXT.length;
        while (textEnd < b.length && b[textEnd] != '"') {
            if (b[textEnd] == '\\') {
                return null;
            }
            textEnd++;
        }
        String room = null;
        int rest = textEnd + 1;
        if (startsWith(b, rest, ROOM)) {
            int roomAt = rest + ROOM.length;
            int roomEnd = roomAt;
            while (roomEnd < b.length && b[roomEnd] != '"' && b[roomEnd] != '\\') {
                roomEnd++;
            }
            if (roomEnd >= b.length || b[roomEnd] != '"') {
                return null;
            }
            room = new String(b, roomAt, roomEnd - roomAt, StandardCharsets.US_ASCII);
            rest = roomEnd + 1;
        }
        if (rest != b.length - 1 || b[rest] != '}') {
            return null; // a field this shortcut does not know: leave it to the decoder
        }
        return new Fields(new String(b, nameAt, nameEnd - nameAt, StandardCharsets.US_ASCII), header, room);
    }

    private static boolean startsWith(byte[] b, int at, byte[] p) {
        if (b.length - at < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[at + i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte[] p, int from) {
        outer:
        for (int i = from; i <= b.length - p.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
