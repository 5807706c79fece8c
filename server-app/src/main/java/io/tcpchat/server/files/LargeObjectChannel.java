package io.tcpchat.server.files;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A read-only view of one PostgreSQL large object. Each {@link #read} is one
 * {@code lo_get(oid, offset, length)} on a pooled connection, for at most what the buffer
 * has room for: a download holds no connection between its chunks, and no more than one
 * chunk in memory.
 */
final class LargeObjectChannel implements SeekableByteChannel {

    /** Most bytes fetched by one read, whatever the buffer: a bound on what one query returns. */
    static final int MAX_READ = 1 << 20;

    private final DataSource dataSource;
    private final long oid;
    private final long size;
    private long position;
    private boolean open = true;

    LargeObjectChannel(DataSource dataSource, long oid, long size) {
        this.dataSource = dataSource;
        this.oid = oid;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int want = (int) Math.min(Math.min(dst.remaining(), MAX_READ), size - position);
        if (want == 0) {
            return 0;
        }
        byte[] bytes;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT lo_get(?, ?, ?)")) {
            ps.setLong(1, oid);
            ps.setLong(2, position);
            ps.setInt(3, want);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                bytes = rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read large object " + oid + " at " + position, e);
        }
        if (bytes == null || bytes.length == 0) {
            return -1;
        }
        dst.put(bytes);
        position += bytes.length;
        return bytes.length;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
