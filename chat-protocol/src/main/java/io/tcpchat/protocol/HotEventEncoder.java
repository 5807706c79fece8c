package io.tcpchat.protocol;

import java.time.Instant;

/**
 * Complete J frames for the events every message produces ({@code msg}, {@code ack},
 * {@code joined}, {@code left}), written by hand: measured, Jackson's general path cost more
 * than the rest of a message's fan-out. The bytes are exactly Jackson's for the same event
 * (same field order, same escapes), which {@code HotEventEncoderTests} checks against
 * {@link EventCodec} on random events; any other event returns {@code null}, for Jackson.
 *
 * <p>Each frame is sized exactly before it is written: one allocation per frame.
 */
final class HotEventEncoder {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * The last timestamp written and its text: every event of a stored batch has the same
     * {@code ts}, and {@link Instant#toString} was measured as the encoder's largest cost.
     */
    private record Stamp(Instant ts, String text) {
    }

    private static volatile Stamp lastStamp = new Stamp(Instant.EPOCH, Instant.EPOCH.toString());

    private HotEventEncoder() {
    }

    private static String text(Instant ts) {
        Stamp s = lastStamp;
        if (!s.ts().equals(ts)) {
            s = new Stamp(ts, ts.toString());
            lastStamp = s;
        }
        return s.text();
    }

    /** The frame, or {@code null} when the event is not one of the hot ones. */
    static byte[] frame(ServerEvent event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> message(m);
            case ServerEvent.Ack a -> ack(a);
            case ServerEvent.Joined j -> presence("joined", j.seq(), j.ts(), j.user(), null);
            case ServerEvent.Left l -> presence("left", l.seq(), l.ts(), l.user(), l.reason());
            default -> null;
        };
    }

    private static byte[] message(ServerEvent.ChatMessage m) {
        String ts = text(m.ts());
        Out out = null;
        for (int pass = 0; pass < 2; pass++) {
            out = pass == 0 ? new Out() : new Out(out.at);
            out.ascii("{\"type\":\"msg\",\"seq\":").number(m.seq()).ascii(",\"ts\":\"").ascii(ts)
                    .ascii("\",\"from\":").string(m.from()).ascii(",\"text\":").string(m.text());
            if (m.to() != null) {
                out.ascii(",\"to\":").string(m.to());
            }
            if (m.room() != null) {
                out.ascii(",\"room\":").string(m.room());
            }
            if (m.kind() != null) {
                out.ascii(",\"kind\":").string(m.kind());
            }
            out.ascii("}");
        }
        return out.done();
    }

    private static byte[] ack(ServerEvent.Ack a) {
        Out out = null;
        for (int pass = 0; pass < 2; pass++) {
            out = pass == 0 ? new Out() : new Out(out.at);
            out.ascii("{\"type\":\"ack\"");
            if (a.ref() != null) {
                out.ascii(",\"ref\":").string(a.ref());
            }
            if (a.seq() != null) {
                out.ascii(",\"seq\":").number(a.seq());
            }
            if (a.file() != null) {
                out.ascii(",\"file\":").number(a.file());
            }
            out.ascii("}");
        }
        return out.done();
    }

    private static byte[] presence(String type, long seq, Instant ts, String user, String reason) {
        String time = text(ts);
        Out out = null;
        for (int pass = 0; pass < 2; pass++) {
            out = pass == 0 ? new Out() : new Out(out.at);
            out.ascii("{\"type\":\"").ascii(type).ascii("\",\"seq\":").number(seq)
                    .ascii(",\"ts\":\"").ascii(time).ascii("\",\"user\":").string(user);
            if (reason != null) {
                out.ascii(",\"reason\":").string(reason);
            }
            out.ascii("}");
        }
        return out.done();
    }

    /** Jackson's short escapes for control characters; 0 where it writes {@code \}{@code u00XX}. */
    private static char shortEscape(char c) {
        return switch (c) {
            case '\b' -> 'b';
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\f' -> 'f';
            case '\r' -> 'r';
            default -> 0;
        };
    }

    /**
     * A frame being written, in two passes over the same calls: the first ({@code new Out()})
     * only counts bytes, the second writes them into an array of exactly that size.
     */
    private static final class Out {
        private final byte[] b;
        private int at = Frame.HEADER_BYTES;

        Out() {
            b = null;
        }

        Out(int size) {
            b = new byte[size];
        }

        private void put(int v) {
            if (b != null) {
                b[at] = (byte) v;
            }
            at++;
        }

        @SuppressWarnings("deprecation") // copies the low byte of each char: exactly right for ASCII, and a bulk copy
        Out ascii(String s) {
            if (b != null) {
                s.getBytes(0, s.length(), b, at);
            }
            at += s.length();
            return this;
        }

        Out number(long n) {
            return ascii(Long.toString(n));
        }

        Out string(String s) {
            if (plain(s)) {
                put('"');
                ascii(s);
                put('"');
                return this;
            }
            put('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    if (c < 0x20) {
                        char e = shortEscape(c);
                        put('\\');
                        if (e != 0) {
                            put(e);
                        } else {
                            put('u');
                            put('0');
                            put('0');
                            put(HEX[c >> 4]);
                            put(HEX[c & 0xF]);
                        }
                    } else if (c == '"' || c == '\\') {
                        put('\\');
                        put(c);
                    } else {
                        put(c);
                    }
                } else if (c < 0x800) {
                    put(0xC0 | (c >> 6));
                    put(0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    put(0xF0 | (cp >> 18));
                    put(0x80 | ((cp >> 12) & 0x3F));
                    put(0x80 | ((cp >> 6) & 0x3F));
                    put(0x80 | (cp & 0x3F));
                } else {
                    put(0xE0 | (c >> 12));
                    put(0x80 | ((c >> 6) & 0x3F));
                    put(0x80 | (c & 0x3F));
                }
            }
            put('"');
            return this;
        }

        /** Printable ASCII with nothing to escape: copied as it is. */
        private static boolean plain(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                    return false;
                }
            }
            return true;
        }

        byte[] done() {
            if (at != b.length) {
                throw new IllegalStateException("frame sized " + b.length + " but written " + at);
            }
            Bytes.putInt(b, 0, b.length - 4);
            b[4] = Frame.KIND_JSON;
            return b;
        }
    }
}
