package io.tcpchat.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a file that is never held whole: pseudo-random, fixed by a seed, and readable
 * from any position. Byte {@code p} is byte {@code p % 8} (little-endian) of
 * {@code splitmix64(seed + (p / 8) * golden)}, so any way of cutting the file into chunks
 * yields the same bytes, and the file can be read once to hash it and again to send it.
 * Thread-safe: it holds only the seed.
 */
final class RandomContent {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final int HASH_BUFFER = 256 * 1024;

    private final long seed;

    RandomContent(long seed) {
        this.seed = seed;
    }

    /** Fills {@code buf[off .. off + len)} with the file's bytes from {@code position}. */
    void fill(long position, byte[] buf, int off, int len) {
        int i = 0;
        while (i < len && ((position + i) & 7) != 0) {
            buf[off + i] = byteAt(position + i);
            i++;
        }
        long word = (position + i) >>> 3;
        while (len - i >= 8) {
            LONGS.set(buf, off + i, word(word++));
            i += 8;
        }
        while (i < len) {
            buf[off + i] = byteAt(position + i);
            i++;
        }
    }

    /** Lowercase hex SHA-256 of the first {@code size} bytes. */
    String sha256(long size) {
        MessageDigest digest = newSha256();
        byte[] buf = new byte[(int) Math.min(HASH_BUFFER, Math.max(1, size))];
        for (long at = 0; at < size; ) {
            int n = (int) Math.min(buf.length, size - at);
            fill(at, buf, 0, n);
            digest.update(buf, 0, n);
            at += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private byte byteAt(long position) {
        return (byte) (word(position >>> 3) >>> ((position & 7) * 8));
    }

    private long word(long index) {
        long z = seed + index * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
