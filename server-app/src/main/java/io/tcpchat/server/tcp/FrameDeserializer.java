package io.tcpchat.server.tcp;

import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameException;
import org.springframework.core.serializer.Deserializer;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;

/**
 * The CHAT/1 frame decoder as Spring Integration's deserializer. A framing error is not
 * thrown: it becomes a {@link BadFrame} payload so that the peer is told {@code bad_frame}
 * before the connection closes. A peer that goes away, cleanly or not, ends the stream.
 */
final class FrameDeserializer implements Deserializer<Object> {

    private final FrameDecoder decoder;

    FrameDeserializer(int maxFrame) {
        this.decoder = new FrameDecoder(maxFrame);
    }

    @Override
    public Object deserialize(InputStream in) throws IOException {
        try {
            Frame frame = decoder.read(in);
            if (frame == null) {
                throw new SoftEndOfStreamException("peer closed the connection");
            }
            return frame;
        } catch (FrameException e) {
            return new BadFrame(e.getMessage());
        } catch (EOFException | SocketException e) {
            throw new SoftEndOfStreamException("connection ended: " + e.getMessage());
        }
    }

    /** What arrived could not be framed; the connection must be closed after saying so. */
    record BadFrame(String reason) {
    }
}
