package io.tcpchat.server.irc;

import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * IRC framing: a line ends with CR LF, or LF alone (RFC 2812 §2.3 asks for CR LF; clients and
 * servers accept a bare LF, as ergo does). A line may have up to {@value #MAX_TAGS} bytes of
 * message tags (IRCv3 message-tags, "Size limit": 8191 including the {@code @} and the space)
 * and up to {@value #MAX_REST} bytes of the rest, CR LF included (RFC 1459 §2.3: 512).
 * A longer line is read to its end and comes out as {@link TooLong}, so the connection
 * answers 417 (ERR_INPUTTOOLONG, IRCv3) and goes on. Text is UTF-8; invalid bytes become U+FFFD.
 */
final class IrcLineCodec implements Deserializer<Object> {

    static final int MAX_TAGS = 8191;
    static final int MAX_REST = 512;

    /** A whole line, without its line ending. */
    record Line(String text) {
    }

    /** A line over the limits: dropped, answered with 417. */
    record TooLong() {
    }

    @Override
    public Object deserialize(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int max = MAX_TAGS + MAX_REST;
        boolean tooLong = false;
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                if (line.size() == 0 && !tooLong) {
                    throw new SoftEndOfStreamException("stream closed");
                }
                throw new SoftEndOfStreamException("stream closed within a line");
            }
            if (line.size() < max) {
                line.write(c);
            } else {
                tooLong = true; // read on to the line's end, keep nothing more
            }
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        if (tooLong || restTooLong(bytes, length)) {
            return new TooLong();
        }
        return new Line(new String(bytes, 0, length, StandardCharsets.UTF_8));
    }

    /** The part after the tags, with its CR LF, must fit in 512 bytes; the tags in 8191. */
    private static boolean restTooLong(byte[] bytes, int length) {
        int restStart = 0;
        if (length > 0 && bytes[0] == '@') {
            int space = 0;
            while (space < length && bytes[space] != ' ') {
                space++;
            }
            if (space + 1 > MAX_TAGS) {
                return true;
            }
            restStart = space + 1;
        }
        return length - restStart + 2 > MAX_REST;
    }
}
