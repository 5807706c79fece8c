package io.tcpchat.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of the server that a test can cut (every connection dropped, nothing
 * accepted, as when a network goes away) and bring back on the same port.
 */
final class TcpProxy implements AutoCloseable {

    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile int port;

    TcpProxy(int target) throws IOException {
        this.target = target;
        listen(0);
    }

    int port() {
        return port;
    }

    /** Drops every connection and refuses new ones. */
    void cut() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
        sockets.clear();
    }

    /** Accepts again, on the same port. */
    void restore() throws IOException {
        listen(port);
    }

    private void listen(int onPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress("localhost", onPort));
        listener = server;
        port = server.getLocalPort();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket client = server.accept();
                    Socket upstream = new Socket("localhost", target);
                    sockets.add(client);
                    sockets.add(upstream);
                    relay(client, upstream);
                    relay(upstream, client);
                }
            } catch (IOException closed) {
                // cut
            }
        }, "proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void relay(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            try {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side went away
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }, "proxy-relay");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        cut();
    }
}
