package io.tcpchat.client.connection;

import java.time.Duration;

/**
 * Where and how to connect. Timeouts are fields so tests can shorten them.
 *
 * @param password     {@code null} when none is given
 * @param pingInterval a {@code ping} goes out after this long without traffic; a link silent
 *                     for three intervals is taken as dead
 * @param reconnect    reconnect with backoff after a drop (a session) or give up (one-shot use)
 * @param tls          TLS, or {@link Tls#OFF}
 */
public record ConnectionSettings(
        String host,
        int port,
        String user,
        String password,
        String clientName,
        Duration connectTimeout,
        Duration requestTimeout,
        Duration pingInterval,
        boolean reconnect,
        Duration backoffInitial,
        Duration backoffMax,
        Tls tls) {

    public static ConnectionSettings of(String host, int port, String user, String password, boolean reconnect) {
        return new ConnectionSettings(host, port, user, password, "shell-client", Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofSeconds(30), reconnect, Duration.ofMillis(500),
                Duration.ofSeconds(5), Tls.OFF);
    }

    public ConnectionSettings withUser(String newUser, String newPassword) {
        return new ConnectionSettings(host, port, newUser, newPassword, clientName, connectTimeout, requestTimeout,
                pingInterval, reconnect, backoffInitial, backoffMax, tls);
    }

    public ConnectionSettings withAddress(String newHost, int newPort) {
        return new ConnectionSettings(newHost, newPort, user, password, clientName, connectTimeout, requestTimeout,
                pingInterval, reconnect, backoffInitial, backoffMax, tls);
    }

    public ConnectionSettings withTimings(Duration newPing, Duration newBackoffInitial, Duration newBackoffMax) {
        return new ConnectionSettings(host, port, user, password, clientName, connectTimeout, requestTimeout,
                newPing, reconnect, newBackoffInitial, newBackoffMax, tls);
    }

    public ConnectionSettings withTls(Tls newTls) {
        return new ConnectionSettings(host, port, user, password, clientName, connectTimeout, requestTimeout,
                pingInterval, reconnect, backoffInitial, backoffMax, newTls);
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + address() + ", user=" + user + ", password="
                + (password == null ? null : "***") + ", reconnect=" + reconnect + ", tls=" + tls + "]";
    }
}
