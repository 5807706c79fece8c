package io.tcpchat.server.files;

import java.time.Instant;

/**
 * A complete, verified file in the store. {@code name} is already the safe base name;
 * {@code to} is set for a file sent to one user only, {@code room} for one sent to a room
 * other than #lobby (absent from metadata written before rooms: read as #lobby's).
 */
public record StoredFile(long id, String name, long size, String sha256, String from, String to, Instant storedAt,
                         String room) {

    public StoredFile(long id, String name, long size, String sha256, String from, String to, Instant storedAt) {
        this(id, name, size, sha256, from, to, storedAt, null);
    }

    /** A file of a room other than #lobby: who may fetch it is who saw its event (see FileService). */
    public boolean inRoom() {
        return room != null;
    }

    public boolean visibleTo(String user) {
        return to == null || user.equalsIgnoreCase(from) || user.equalsIgnoreCase(to);
    }
}
