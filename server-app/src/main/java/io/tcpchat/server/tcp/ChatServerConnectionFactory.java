package io.tcpchat.server.tcp;

import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * The stock net server factory, plus a way to stop accepting while the open connections
 * go on: {@code stop()} would close them all at once, before they are told why.
 */
final class ChatServerConnectionFactory extends TcpNetServerConnectionFactory {

    ChatServerConnectionFactory(int port) {
        super(port);
    }

    void stopAccepting() {
        ServerSocket socket = getServerSocket();
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the accept loop ends either way
            }
        }
    }
}
