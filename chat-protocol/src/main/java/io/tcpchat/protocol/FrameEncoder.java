package io.tcpchat.protocol;

/**
 * Turns bodies into complete frames (header included), ready to be written as they are.
 * A frame is encoded once and its bytes may be shared by many writers.
 */
public final class FrameEncoder {

    private FrameEncoder() {
    }

    /** A complete J frame around already-serialized JSON. */
    public static byte[] json(byte[] json) {
        byte[] frame = new byte[Frame.HEADER_BYTES + json.length];
        Bytes.putInt(frame, 0, json.length + 1);
        frame[4] = Frame.KIND_JSON;
        System.arraycopy(json, 0, frame, Frame.HEADER_BYTES, json.length);
        return frame;
    }

    /** A complete D frame carrying {@code len} bytes of {@code data} from {@code off}. */
    public static byte[] data(long file, long offset, byte[] data, int off, int len) {
        if (len < 1) {
            throw new IllegalArgumentException("a D frame carries at least one byte");
        }
        byte[] frame = new byte[Frame.HEADER_BYTES + Frame.DATA_HEADER_BYTES + len];
        Bytes.putInt(frame, 0, 1 + Frame.DATA_HEADER_BYTES + len);
        frame[4] = Frame.KIND_DATA;
        Bytes.putLong(frame, 5, file);
        Bytes.putLong(frame, 13, offset);
        System.arraycopy(data, off, frame, Frame.HEADER_BYTES + Frame.DATA_HEADER_BYTES, len);
        return frame;
    }

    /** Bytes a D frame takes on the wire for {@code len} data bytes. */
    public static int dataFrameSize(int len) {
        return Frame.HEADER_BYTES + Frame.DATA_HEADER_BYTES + len;
    }

    public static byte[] encode(Frame frame) {
        return switch (frame) {
            case Frame.Json j -> json(j.body());
            case Frame.Data d -> data(d.file(), d.offset(), d.data(), 0, d.data().length);
        };
    }
}
