package io.tcpchat.protocol;

import java.time.Duration;

/** The defaults docs/protocol.md names; servers may be configured otherwise and say so in {@code welcome}. */
public final class ProtocolDefaults {

    public static final int VERSION = 1;
    public static final int PORT = 49152;
    public static final int MAX_FRAME = 1024 * 1024;
    public static final int MAX_TEXT = 4000;
    public static final long MAX_FILE_SIZE = 1024L * 1024 * 1024;
    public static final int CHUNK = 256 * 1024;
    public static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final long SENDQ = 8L * 1024 * 1024;
    public static final int RATE = 10;
    public static final int BURST = 20;
    public static final int CONNECTIONS_PER_ADDRESS = 50;
    public static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);
    public static final int MAX_REF_CODE_POINTS = 64;
    public static final int HISTORY_DEFAULT_LIMIT = 50;
    public static final int HISTORY_MAX_LIMIT = 500;

    private ProtocolDefaults() {
    }
}
