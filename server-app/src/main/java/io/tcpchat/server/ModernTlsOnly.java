package io.tcpchat.server;

import org.springframework.integration.ip.tcp.connection.TcpSocketSupport;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

/** Allows TLS 1.3 and 1.2 only, whatever the JDK would also accept: for every TLS listener (chat, IRC). */
public final class ModernTlsOnly implements TcpSocketSupport {

    private static final List<String> ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    @Override
    public void postProcessServerSocket(ServerSocket serverSocket) {
        if (serverSocket instanceof SSLServerSocket tls) {
            tls.setEnabledProtocols(allowed(tls.getSupportedProtocols()));
        }
    }

    @Override
    public void postProcessSocket(Socket socket) {
        if (socket instanceof SSLSocket tls) {
            tls.setEnabledProtocols(allowed(tls.getSupportedProtocols()));
        }
    }

    private static String[] allowed(String[] supported) {
        return Arrays.stream(supported).filter(ALLOWED::contains).toArray(String[]::new);
    }
}
