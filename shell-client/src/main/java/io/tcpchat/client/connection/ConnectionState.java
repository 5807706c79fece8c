package io.tcpchat.client.connection;

/** Where a {@link ChatConnection} stands; shown in the prompt. */
public enum ConnectionState {
    /** Not connected, and not trying: never connected, disconnected, or refused for good. */
    OFFLINE,
    /** The first connection attempt is under way. */
    CONNECTING,
    /** Logged in: {@code welcome} received. */
    ONLINE,
    /** The connection dropped; waiting to try again, or trying. */
    RECONNECTING,
    /** Closed for good: the client is exiting. */
    CLOSED
}
