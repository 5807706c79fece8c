package io.tcpchat.server.files;

import java.security.MessageDigest;

/**
 * An upload in progress: what was announced and how far it got. Fed by its connection's
 * reader thread; the timeout sweep may end it, so every step holds its monitor.
 */
final class Upload {

    final long id;
    final String ref;
    final String name;
    final long size;
    final String sha256;
    final String from;
    final String to;
    final String room;
    final String connectionId;
    final FileStore.PendingFile pending;
    final MessageDigest digest;
    long received;
    volatile long lastProgress;
    boolean finished;

    Upload(long id, String ref, String name, long size, String sha256, String from, String to, String room,
           String connectionId, FileStore.PendingFile pending, MessageDigest digest, long now) {
        this.room = room;
        this.id = id;
        this.ref = ref;
        this.name = name;
        this.size = size;
        this.sha256 = sha256;
        this.from = from;
        this.to = to;
        this.connectionId = connectionId;
        this.pending = pending;
        this.digest = digest;
        this.lastProgress = now;
    }
}
