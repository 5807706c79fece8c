package io.tcpchat.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames from a stream. The length is checked against {@code maxFrame} from the
 * header alone, so a hostile length never causes a read or an allocation past it.
 * Thread-safe: it holds no state but its limit.
 */
public final class FrameDecoder {

    private final int maxFrame;

    public FrameDecoder(int maxFrame) {
        if (maxFrame < Frame.DATA_HEADER_BYTES + 2) {
            throw new IllegalArgumentException("maxFrame too small: " + maxFrame);
        }
        this.maxFrame = maxFrame;
    }

    public int maxFrame() {
        return maxFrame;
    }

    /**
     * Reads the next frame.
     *
     * @return the frame, or {@code null} when the stream ends cleanly between frames
     * @throws FrameException on a framing error (the connection must be closed)
     * @throws EOFException when the stream ends inside a frame
     */
    public Frame read(InputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        long length = ((long) b0 << 24) | ((long) readByte(in) << 16) | ((long) readByte(in) << 8) | readByte(in);
        if (length == 0) {
            throw new FrameException("frame length 0");
        }
        if (length > maxFrame) {
            throw new FrameException("frame length " + length + " exceeds maxFrame " + maxFrame);
        }
        int kind = readByte(in);
        int bodyLength = (int) length - 1;
        return switch (kind) {
            case Frame.KIND_JSON -> new Frame.Json(readFully(in, bodyLength));
            case Frame.KIND_DATA -> readData(in, bodyLength);
            default -> throw new FrameException("unknown frame kind 0x" + Integer.toHexString(kind));
        };
    }

    private static Frame.Data readData(InputStream in, int bodyLength) throws IOException {
        if (bodyLength < Frame.DATA_HEADER_BYTES + 1) {
            throw new FrameException("D body of " + bodyLength + " bytes, at least 17 needed");
        }
        byte[] header = readFully(in, Frame.DATA_HEADER_BYTES);
        long file = Bytes.getLong(header, 0);
        long offset = Bytes.getLong(header, 8);
        return new Frame.Data(file, offset, readFully(in, bodyLength - Frame.DATA_HEADER_BYTES));
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("stream ended inside a frame header");
        }
        return b;
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] buf = new byte[n];
        int read = in.readNBytes(buf, 0, n);
        if (read < n) {
            throw new EOFException("stream ended inside a frame body (" + read + " of " + n + " bytes)");
        }
        return buf;
    }
}
