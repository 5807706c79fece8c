package io.tcpchat.server.tcp;

import io.tcpchat.server.ModernTlsOnly;
import io.tcpchat.server.session.WriteBatch;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.springframework.integration.ip.tcp.serializer.SoftEndOfStreamException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Spring Integration net connection tuned for CHAT/1.
 *
 * <p>Reads go through a buffer so that a frame header costs no system call of its own (the
 * stock connection reads the socket unbuffered); the buffer shrinks to almost nothing while
 * the connection is idle ({@link AdaptiveBufferedInputStream}). Writes skip the stock
 * per-connection write buffer, sized like the socket's send buffer: each payload is
 * already a batch of whole frames built by the connection's Outbox, written in one call,
 * so that buffer would only cost memory on every connection.
 *
 * <p>With the PROXY protocol on, a connection from a trusted proxy starts with a PROXY header:
 * {@link #run()} reads it before anything else, the open event included, so the session is
 * created with the client's address from the header ({@link #getHostAddress()}) and every
 * per-address limit, lockout and log line sees that address from the start. On a TLS port the
 * header comes before the TLS handshake: the socket is accepted plain and TLS is layered on
 * it once the header is read.
 */
final class ChatNetConnection extends TcpNetConnection {

    private static final ModernTlsOnly MODERN_TLS = new ModernTlsOnly();

    private final Socket plain;
    private final int handshakeMillis;
    private final ProxyProtocol proxy;
    private final SSLSocketFactory lateTls;
    /** The plain socket, or the TLS one layered on it; set by the reader before the open event. */
    private volatile Socket socket;
    private volatile String clientAddress;
    private final ReentrantLock writeLock = new ReentrantLock();
    private InputStream in;
    private OutputStream out;

    /**
     * @param handshakeMillis bound on the PROXY header and on the TLS handshake (the hello timeout)
     * @param proxy           the PROXY protocol policy, or {@code null} when it is off
     * @param lateTls         with {@code proxy}: TLS to layer on the plain socket after the header, or {@code null}
     */
    ChatNetConnection(Socket socket, boolean server, boolean lookupHost,
                      ApplicationEventPublisher publisher, String factoryName, int handshakeMillis,
                      ProxyProtocol proxy, SSLSocketFactory lateTls) {
        super(socket, server, lookupHost, publisher, factoryName);
        this.plain = socket;
        this.socket = socket;
        this.handshakeMillis = handshakeMillis;
        this.proxy = proxy;
        this.lateTls = lateTls;
    }

    @Override
    public void run() {
        if (proxy != null && !acceptProxied()) {
            close();
            return;
        }
        super.run();
    }

    /** Reads the PROXY header of a trusted peer, then layers TLS if the port has it; false: drop it. */
    private boolean acceptProxied() {
        if (proxy.expectsHeader(plain.getInetAddress())) {
            ProxyProtocol.Outcome outcome = proxy.read(plain, handshakeMillis, getConnectionId());
            if (!outcome.accepted()) {
                return false;
            }
            clientAddress = outcome.client();
        }
        if (lateTls != null) {
            try {
                SSLSocket tls = (SSLSocket) lateTls.createSocket(plain, null, true);
                MODERN_TLS.postProcessSocket(tls);
                socket = tls;
            } catch (IOException e) {
                return false; // the peer is gone already
            }
        }
        return true;
    }

    /** The client's address: from the PROXY header where there was one, else the socket's. */
    @Override
    public String getHostAddress() {
        String client = clientAddress;
        return client != null ? client : super.getHostAddress();
    }

    @Override
    public SSLSession getSslSession() {
        return socket instanceof SSLSocket tls ? tls.getSession() : null;
    }

    @Override
    public void close() {
        if (socket != plain) {
            // TLS layered here: close it first so that the peer gets its close_notify
            try {
                socket.close();
            } catch (IOException ignored) {
                // the plain socket is closed below all the same
            }
        }
        super.close();
    }

    @Override
    protected InputStream inputStream() throws IOException {
        // only the reader thread calls this
        if (in == null) {
            if (socket instanceof SSLSocket tls) {
                handshake(tls);
            }
            in = new AdaptiveBufferedInputStream(socket.getInputStream());
        }
        return in;
    }

    /**
     * The TLS handshake, on the reader thread and bounded by the hello timeout: a peer that
     * stalls it, or speaks plain CHAT/1 to a TLS port, is dropped within that time.
     */
    private void handshake(SSLSocket tls) throws IOException {
        tls.setSoTimeout(handshakeMillis);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            close();
            throw new SoftEndOfStreamException("TLS handshake failed: " + e.getMessage());
        }
        tls.setSoTimeout(0);
    }

    @Override
    public void send(Message<?> message) {
        writeLock.lock();
        try {
            if (out == null) {
                out = socket.getOutputStream();
            }
            switch (message.getPayload()) {
                case WriteBatch batch -> out.write(batch.bytes(), 0, batch.length());
                case byte[] bytes -> out.write(bytes);
                default -> throw new IOException("cannot write a " + message.getPayload().getClass().getName());
            }
        } catch (IOException e) {
            closeConnection(true);
            throw new java.io.UncheckedIOException(e);
        } finally {
            writeLock.unlock();
        }
    }
}
