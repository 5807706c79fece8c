package io.tcpchat.server.irc;

import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.server.session.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox writer of an IRC connection's session, on the session's writer thread: takes the
 * whole CHAT/1 frames the outbox gathered (each {@code length u32 | kind u8 | body}), decodes
 * each J frame and has {@link IrcRenderer} write it as IRC lines, blocking until the socket
 * took them. D frames never come: the gateway downloads nothing.
 */
final class IrcFrameWriter implements Outbox.Writer {

    private static final Logger log = LoggerFactory.getLogger(IrcFrameWriter.class);

    private final IrcDecodeCache codec;
    private final IrcRenderer renderer;
    private final IrcConnection connection;

    IrcFrameWriter(IrcConnection connection, IrcDecodeCache codec) {
        this.connection = connection;
        this.codec = codec;
        this.renderer = new IrcRenderer(connection);
    }

    @Override
    public void write(byte[] bytes, int length) {
        connection.beginBatch();
        try {
            render(bytes, length);
        } finally {
            connection.endBatch();
        }
    }

    private void render(byte[] bytes, int length) {
        int at = 0;
        while (at + 5 <= length) {
            int frameLength = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16
                    | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
            byte kind = bytes[at + 4];
            int bodyStart = at + 5;
            int end = at + 4 + frameLength;
            if (kind == Frame.KIND_JSON) {
                try {
                    renderer.render(codec.decode(bytes, bodyStart, end));
                } catch (FrameException | RequestException e) {
                    log.warn("the gateway could not read a frame of its own session: {}", e.toString());
                }
            }
            at = end;
        }
    }
}
