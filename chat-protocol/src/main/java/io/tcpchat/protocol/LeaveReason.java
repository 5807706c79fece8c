package io.tcpchat.protocol;

/** Why a user left ({@code left.reason}) or why the server says {@code bye}. */
public enum LeaveReason {
    BYE("bye"),
    DISCONNECT("disconnect"),
    TIMEOUT("timeout"),
    IDLE("idle"),
    SLOW_CONSUMER("slow_consumer"),
    SERVER_SHUTDOWN("server_shutdown");

    private final String wire;

    LeaveReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
