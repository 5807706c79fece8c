package io.tcpchat.server.tcp;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.server.session.SessionCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * PROXY protocol on the chat port ({@code chat.proxy-protocol.*}): a connection from a trusted
 * network must start with a PROXY header, whose client address then stands for the socket's;
 * any other connection is a direct client and speaks CHAT/1 from its first byte.
 *
 * <p>The header is read on the connection's reader thread before anything else, within the
 * hello timeout as a whole (not per read), so a proxy that trickles bytes cannot hold a
 * reader longer than a silent client could.
 */
final class ProxyProtocol {

    private static final Logger log = LoggerFactory.getLogger(ProxyProtocol.class);

    private final TrustedNetworks trusted;
    private final SessionCounter counter;

    ProxyProtocol(TrustedNetworks trusted, SessionCounter counter) {
        this.trusted = trusted;
        this.counter = counter;
    }

    /** Whether a connection from {@code peer} must start with a header. */
    boolean expectsHeader(InetAddress peer) {
        return trusted.contains(peer);
    }

    /**
     * Reads the header at the start of {@code socket}, leaving the bytes after it unread. A
     * refusal (malformed, truncated, none in time) is logged and counted here, so the caller
     * only has to close.
     */
    Outcome read(Socket socket, long timeoutMillis, String connectionId) {
        String peer = socket.getInetAddress().getHostAddress();
        try {
            int before = socket.getSoTimeout();
            ProxyProtocolHeader header = ProxyProtocolHeader.read(
                    new DeadlineInputStream(socket, System.nanoTime() + timeoutMillis * 1_000_000));
            socket.setSoTimeout(before);
            String client = header.source() == null ? null : header.source().getHostAddress();
            log.debug("PROXY v{} header on {} from {}: client {}", header.version(), connectionId, peer,
                    client == null ? "(the proxy itself)" : client);
            return new Outcome(true, client);
        } catch (ProxyHeaderException e) {
            log.info("closing {} from {}: bad PROXY header: {}", connectionId, peer, e.getMessage());
            counter.error(ErrorCode.BAD_FRAME.wire());
        } catch (SocketTimeoutException e) {
            log.info("closing {} from {}: no PROXY header within {} ms", connectionId, peer, timeoutMillis);
            counter.error(ErrorCode.TIMEOUT.wire());
        } catch (EOFException e) {
            // a TCP health check: connected and closed without a byte; nothing went wrong
            log.debug("{} from {} closed before sending anything", connectionId, peer);
        } catch (IOException e) {
            // reset by the peer or the like: the network's doing, not a bad header
            log.debug("{} from {}: reading its PROXY header failed: {}", connectionId, peer, e.toString());
        }
        return new Outcome(false, null);
    }

    @Override
    public String toString() {
        return "PROXY protocol from " + trusted;
    }

    /**
     * @param accepted whether the connection may go on
     * @param client   the client's address from the header, or {@code null} to keep the socket's
     */
    record Outcome(boolean accepted, String client) {
    }

    /**
     * The socket's input with one deadline for all reads: each read waits at most for what is
     * left of it. The first read that finds the stream ended reports {@link EOFException}
     * (so a silent health check is told apart from a cut header).
     */
    private static final class DeadlineInputStream extends InputStream {

        private final Socket socket;
        private final InputStream in;
        private final long deadline;
        private boolean any;

        DeadlineInputStream(Socket socket, long deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        private void arm() throws IOException {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new SocketTimeoutException("PROXY header deadline passed");
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        }

        @Override
        public int read() throws IOException {
            arm();
            int b = in.read();
            return ended(b < 0) ? -1 : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            arm();
            int n = in.read(b, off, len);
            return ended(n < 0) ? -1 : n;
        }

        private boolean ended(boolean eof) throws EOFException {
            if (eof && !any) {
                throw new EOFException("closed before sending anything");
            }
            any = true;
            return eof;
        }
    }
}
