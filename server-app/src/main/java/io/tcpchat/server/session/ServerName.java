package io.tcpchat.server.session;

/** What {@code welcome.server} says: product and version. */
public record ServerName(String value) {
}
