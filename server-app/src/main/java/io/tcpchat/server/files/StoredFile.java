package io.tcpchat.server.files;

import java.time.Instant;

/**
 * A complete, verified file in the store. {@code name} is already the safe base name;
 * {@code to} is set for a file sent to one user only.
 */
public record StoredFile(long id, String name, long size, String sha256, String from, String to, Instant storedAt) {

    public boolean visibleTo(String user) {
        return to == null || user.equalsIgnoreCase(from) || user.equalsIgnoreCase(to);
    }
}
