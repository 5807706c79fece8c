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
import java.util.ArrayList;
import java.util.List;

/**
 * The CHAT/1 frame decoder as Spring Integration's deserializer. A framing error is not
 * thrown: it becomes a {@link BadFrame} payload so that the peer is told {@code bad_frame}
 * before the connection closes. A peer that goes away, cleanly or not, ends the stream.
 */
final class FrameDeserializer implements Deserializer<Object> {

    static final int MAX_BATCH_FRAMES = 64;
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final FrameDecoder decoder;

    FrameDeserializer(int maxFrame) {
        this.decoder = new FrameDecoder(maxFrame);
    }

    /**
     * The next frame, or a {@link FrameBatch} of every frame a read already brought in: when
     * a frame ends and the read buffer holds the start of another, that one is decoded too
     * (up to {@link #MAX_BATCH_FRAMES} or {@link #MAX_BATCH_BYTES}), so that a busy connection
     * costs one inbound message, one routing and one hand-off to the event log per read
     * rather than per frame. It never waits for more than the rest of a frame already begun.
     */
    @Override
    public Object deserialize(InputStream in) throws IOException {
        Object first = readOne(in);
        if (first instanceof BadFrame || buffered(in) == 0) {
            return first;
        }
        List<Object> frames = new ArrayList<>(8);
        frames.add(first);
        int bytes = size(first);
        while (frames.size() < MAX_BATCH_FRAMES && bytes < MAX_BATCH_BYTES && buffered(in) > 0) {
            Object next;
            try {
                next = readOne(in);
            } catch (SoftEndOfStreamException e) {
                break; // the frames so far are whole: hand them on; the next read sees the end again
            }
            frames.add(next);
            if (next instanceof BadFrame) {
                break;
            }
            bytes += size(next);
        }
        return frames.size() == 1 ? first : new FrameBatch(frames);
    }

    private Object readOne(InputStream in) throws IOException {
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

    private static int buffered(InputStream in) {
        return in instanceof AdaptiveBufferedInputStream a ? a.buffered() : 0;
    }

    private static int size(Object frame) {
        return switch (frame) {
            case Frame.Json j -> j.body().length;
            case Frame.Data d -> d.data().length;
            default -> 0;
        };
    }

    /** What arrived could not be framed; the connection must be closed after saying so. */
    record BadFrame(String reason) {
    }

    /** Frames one read brought in, in order; a {@link BadFrame} can only be the last. */
    record FrameBatch(List<Object> frames) {
    }
}
