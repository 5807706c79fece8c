package io.tcpchat.server.tcp;

import java.io.IOException;
import java.io.InputStream;

/**
 * A read buffer that is large only while data keeps coming. When a read returns less than
 * a full buffer, the peer has paused: the large buffer is let go and the next (blocking)
 * read uses a small one, so an idle connection holds a few dozen bytes instead of a few
 * kilobytes; a small read that comes back full brings the large buffer back. Reads of at
 * least a large buffer's worth go straight into the caller's array. Used by one reader
 * thread only: no locking.
 */
final class AdaptiveBufferedInputStream extends InputStream {

    static final int SMALL = 128;
    static final int LARGE = 4096;

    private final InputStream in;
    private byte[] large;
    private byte[] buf;
    private int pos;
    private int count;
    private boolean streaming;

    AdaptiveBufferedInputStream(InputStream in) {
        this.in = in;
    }

    /** Refills the buffer; false at the end of the stream. */
    private boolean fill() throws IOException {
        byte[] b;
        if (streaming) {
            if (large == null) {
                large = new byte[LARGE];
            }
            b = large;
        } else {
            large = null;
            b = new byte[SMALL];
        }
        int n = in.read(b, 0, b.length);
        if (n <= 0) {
            buf = null;
            pos = count = 0;
            return false;
        }
        streaming = n == b.length;
        buf = b;
        pos = 0;
        count = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (pos >= count && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int buffered = count - pos;
        if (buffered > 0) {
            int n = Math.min(buffered, len);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
        if (len >= LARGE) {
            // a large body: no point copying it through the buffer
            int n = in.read(b, off, len);
            streaming = n == len;
            return n;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(count, len);
        System.arraycopy(buf, 0, b, off, n);
        pos = n;
        return n;
    }

    /** Bytes already read from the socket and not yet taken: no system call, unlike {@link #available}. */
    int buffered() {
        return count - pos;
    }

    @Override
    public int available() throws IOException {
        return (count - pos) + in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes of buffer held now; for tests. */
    int held() {
        return (large != null ? large.length : 0) + (buf != null && buf != large ? buf.length : 0);
    }
}
