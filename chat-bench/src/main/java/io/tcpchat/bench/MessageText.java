package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of a fanout message: who sent it, its number in that sender's stream and when it
 * was sent, padded with {@code x} to the requested size. Fixed width and plain ASCII, so the
 * JSON of a {@code msg} never changes length and a frame can be encoded once and then only
 * have its digits rewritten.
 *
 * <pre>
 * cb:000003:0000000042:0000000001234567890:xxxxxxxx...
 *    sender seq        sent (ns since the run's origin)
 * </pre>
 */
final class MessageText {

    static final String MARK = "cb:";
    static final int SENDER_DIGITS = 6;
    static final int SEQ_DIGITS = 10;
    static final int TIME_DIGITS = 19;
    private static final int SENDER_AT = MARK.length();
    private static final int SEQ_AT = SENDER_AT + SENDER_DIGITS + 1;
    private static final int TIME_AT = SEQ_AT + SEQ_DIGITS + 1;
    /** The shortest text: the header alone. */
    static final int HEADER_LENGTH = TIME_AT + TIME_DIGITS + 1;
    static final int MAX_SENDERS = 999_999;

    /** A parsed text. */
    record Parsed(int sender, long seq, long sentNanos) {
    }

    private MessageText() {
    }

    static String format(int sender, long seq, long sentNanos, int size) {
        if (size < HEADER_LENGTH) {
            throw new IllegalArgumentException("a message text takes at least " + HEADER_LENGTH + " bytes");
        }
        byte[] text = new byte[size];
        Arrays.fill(text, (byte) 'x');
        byte[] header = (MARK + "0".repeat(SENDER_DIGITS) + ":" + "0".repeat(SEQ_DIGITS) + ":"
                + "0".repeat(TIME_DIGITS) + ":").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(header, 0, text, 0, header.length);
        write(text, 0, sender, seq, sentNanos);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Rewrites the digits of a header that starts at {@code at} in {@code b}. */
    static void write(byte[] b, int at, int sender, long seq, long sentNanos) {
        digits(b, at + SENDER_AT, SENDER_DIGITS, sender);
        digits(b, at + SEQ_AT, SEQ_DIGITS, seq);
        digits(b, at + TIME_AT, TIME_DIGITS, sentNanos);
    }

    private static void digits(byte[] b, int at, int width, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        for (int i = at + width - 1; i >= at; i--) {
            b[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        if (value != 0) {
            throw new IllegalArgumentException("does not fit in " + width + " digits");
        }
    }

    /** The header of a bench text, or {@code null} when the text is not one. */
    static Parsed parse(String text) {
        if (text == null || text.length() < HEADER_LENGTH) {
            return null;
        }
        // a character outside Latin-1 becomes '?' and fails the checks, as it should
        return parse(text.substring(0, HEADER_LENGTH).getBytes(StandardCharsets.ISO_8859_1), 0);
    }

    /** The header of a bench text that starts at {@code at} in {@code b}, or {@code null}. */
    static Parsed parse(byte[] b, int at) {
        if (b.length - at < HEADER_LENGTH || b[at] != 'c' || b[at + 1] != 'b' || b[at + 2] != ':'
                || b[at + SEQ_AT - 1] != ':' || b[at + TIME_AT - 1] != ':' || b[at + HEADER_LENGTH - 1] != ':') {
            return null;
        }
        long sender = number(b, at + SENDER_AT, SENDER_DIGITS);
        long seq = number(b, at + SEQ_AT, SEQ_DIGITS);
        long sent = number(b, at + TIME_AT, TIME_DIGITS);
        if (sender < 0 || seq < 0 || sent < 0) {
            return null;
        }
        return new Parsed((int) sender, seq, sent);
    }

    private static long number(byte[] b, int at, int width) {
        long v = 0;
        for (int i = at; i < at + width; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    /**
     * A complete {@code msg} frame for one sender, encoded once by {@link EventCodec}; each
     * {@link #frame} call rewrites only the digits. Not thread-safe: one per sender thread,
     * and the returned array is reused by the next call.
     */
    static final class Template {

        private final byte[] frame;
        private final int headerAt;
        private final int sender;

        Template(EventCodec codec, int sender, int size) {
            this(codec, sender, size, null);
        }

        /** @param room the room to send to, {@code null} for {@code #lobby} */
        Template(EventCodec codec, int sender, int size, String room) {
            this.sender = sender;
            String text = format(sender, 0, 0, size);
            this.frame = codec.frame(new ClientEvent.Send(text, null, room, null, null));
            this.headerAt = indexOf(frame, text.substring(0, HEADER_LENGTH).getBytes(StandardCharsets.US_ASCII));
            if (headerAt < 0) {
                throw new IllegalStateException("message header not found verbatim in its JSON");
            }
        }

        byte[] frame(long seq, long sentNanos) {
            write(frame, headerAt, sender, seq, sentNanos);
            return frame;
        }

        int length() {
            return frame.length;
        }

        private static int indexOf(byte[] haystack, byte[] needle) {
            outer:
            for (int i = 0; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
