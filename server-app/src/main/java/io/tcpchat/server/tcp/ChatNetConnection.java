package io.tcpchat.server.tcp;

import io.tcpchat.server.session.WriteBatch;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.integration.ip.tcp.connection.TcpNetConnection;
import org.springframework.messaging.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.net.ssl.SSLSocket;
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
 */
final class ChatNetConnection extends TcpNetConnection {

    private final Socket socket;
    private final int handshakeMillis;
    private final ReentrantLock writeLock = new ReentrantLock();
    private InputStream in;
    private OutputStream out;

    ChatNetConnection(Socket socket, boolean server, boolean lookupHost,
                      ApplicationEventPublisher publisher, String factoryName, int handshakeMillis) {
        super(socket, server, lookupHost, publisher, factoryName);
        this.socket = socket;
        this.handshakeMillis = handshakeMillis;
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
