package io.tcpchat.server.files;

import io.tcpchat.protocol.Frame;
import io.tcpchat.server.session.FrameSource;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * A download read a chunk at a time, only when the connection's writer asks for the next
 * frame: each chunk is read from the store straight into the frame that carries it. Ends with
 * the {@code download.end} frame.
 */
final class DownloadSource implements FrameSource {

    private final long file;
    private final SeekableByteChannel channel;
    private final long size;
    private final int chunk;
    private final byte[] endFrame;
    private final TransferCounter counter;
    private final Runnable onClose;
    private long position;
    private boolean ended;

    DownloadSource(long file, SeekableByteChannel channel, long offset, long size, int chunk, byte[] endFrame,
                   TransferCounter counter, Runnable onClose) {
        this.file = file;
        this.channel = channel;
        this.position = offset;
        this.size = size;
        this.chunk = chunk;
        this.endFrame = endFrame;
        this.counter = counter;
        this.onClose = onClose;
    }

    @Override
    public byte[] next() throws IOException {
        if (position < size) {
            int len = (int) Math.min(chunk, size - position);
            int header = Frame.HEADER_BYTES + Frame.DATA_HEADER_BYTES;
            ByteBuffer frame = ByteBuffer.allocate(header + len);
            frame.putInt(1 + Frame.DATA_HEADER_BYTES + len).put(Frame.KIND_DATA).putLong(file).putLong(position);
            while (frame.hasRemaining()) {
                channel.position(position + frame.position() - header);
                if (channel.read(frame) < 0) {
                    throw new EOFException("file " + file + " is shorter than its size");
                }
            }
            position += len;
            counter.downloadedBytes(len);
            return frame.array();
        }
        if (!ended) {
            ended = true;
            return endFrame;
        }
        return null;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a channel that will not close
        }
        onClose.run();
    }
}
