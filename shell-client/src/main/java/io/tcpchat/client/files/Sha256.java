package io.tcpchat.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** SHA-256 in lowercase hex, as the protocol writes it. */
public final class Sha256 {

    private Sha256() {
    }

    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Feeds the first {@code length} bytes of a file into {@code digest}, reporting bytes read. */
    public static void update(MessageDigest digest, Path file, long length, LongConsumer progress) throws IOException {
        byte[] buf = new byte[256 * 1024];
        long done = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (done < length) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, length - done));
                if (n < 0) {
                    throw new IOException(file + " is shorter than expected");
                }
                digest.update(buf, 0, n);
                done += n;
                progress.accept(done);
            }
        }
    }

    public static String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        update(digest, file, Files.size(file), done -> { });
        return hex(digest);
    }
}
