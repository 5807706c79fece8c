package io.tcpchat.server.irc;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * The stock net connection with a buffered input: the line codec reads byte by byte, and the
 * stock connection reads the socket unbuffered (a system call per byte).
 */
final class IrcNetConnection extends TcpNetConnection {

    private InputStream in;

    IrcNetConnection(Socket socket, boolean server, boolean lookupHost, ApplicationEventPublisher publisher,
                     String factoryName) {
        super(socket, server, lookupHost, publisher, factoryName);
    }

    @Override
    protected InputStream inputStream() throws IOException {
        // only the reader thread calls this
        if (in == null) {
            in = new BufferedInputStream(super.inputStream(), 8192);
        }
        return in;
    }
}
