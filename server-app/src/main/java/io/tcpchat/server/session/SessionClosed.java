package io.tcpchat.server.session;

/**
 * A session's connection closed, on whichever transport: features that hold per-connection
 * state (uploads in progress) let go of it. Published after the session left the registry.
 */
public record SessionClosed(Session session) {
}
