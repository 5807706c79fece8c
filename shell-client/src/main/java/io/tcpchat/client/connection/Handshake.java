package io.tcpchat.client.connection;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameDecoder;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Connecting and logging in: the TCP connection, TLS when asked for, {@code hello} (with
 * {@code since} when resuming) and the wait for {@code welcome}. Every way this can fail
 * becomes a {@link ChatException} in plain words, with a hint at TLS where a plain client
 * probably met a TLS server.
 */
final class Handshake {

    /** Always asked for: a server without rooms ignores it, one with rooms sends their events. */
    static final java.util.List<String> FEATURES = java.util.List.of(io.tcpchat.protocol.RoomNames.FEATURE);

    private static final Logger log = LoggerFactory.getLogger(Handshake.class);

    /** A logged-in link (its reader not started yet) and the server's welcome. */
    record Opened(Link link, ServerEvent.Welcome welcome) {
    }

    private Handshake() {
    }

    static Opened open(ConnectionSettings s, long since, EventCodec codec, FrameDecoder decoder)
            throws ChatException {
        Socket socket = new Socket();
        log.debug("connecting to {} as {} (since {}, {})", s.address(), s.user(), since, s.tls());
        String tlsHint = s.tls().enabled() ? "." : " (does it want TLS? try --tls).";
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(s.host(), s.port()), (int) s.connectTimeout().toMillis());
            if (s.tls().enabled()) {
                socket = s.tls().wrap(socket, s.host(), s.port(), (int) s.connectTimeout().toMillis());
            }
            socket.setSoTimeout((int) s.connectTimeout().toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            Link candidate = new Link(socket, in, out);
            candidate.write(codec.frame(new ClientEvent.Hello(ProtocolDefaults.VERSION, s.user(), s.password(),
                    s.clientName(), since > 0 ? since : null, FEATURES, null)));
            log.debug("connected {}, hello sent", socket.getLocalSocketAddress());
            ServerEvent.Welcome w = awaitWelcome(candidate, s.connectTimeout(), codec, decoder, tlsHint);
            log.debug("welcome as {} on {}", w.user(), socket.getLocalSocketAddress());
            socket.setSoTimeout((int) Math.max(1000, s.pingInterval().toMillis() * 3));
            return new Opened(candidate, w);
        } catch (ChatException e) {
            log.debug("login failed: {}", e.getMessage());
            Link.closeQuietly(socket);
            throw e;
        } catch (UnknownHostException e) {
            Link.closeQuietly(socket);
            throw new ChatException(ChatException.Kind.CONNECTION, "Unknown host '" + s.host() + "'.", e);
        } catch (ConnectException | NoRouteToHostException e) {
            Link.closeQuietly(socket);
            throw new ChatException(ChatException.Kind.CONNECTION,
                    "Could not connect to " + s.address() + " (" + reason(e) + ").", e);
        } catch (SocketTimeoutException e) {
            Link.closeQuietly(socket);
            throw new ChatException(ChatException.Kind.CONNECTION, "No answer from " + s.address() + " within "
                    + s.connectTimeout().toSeconds() + " s" + tlsHint, e);
        } catch (FrameException e) {
            log.debug("not CHAT/1", e);
            Link.closeQuietly(socket);
            throw new ChatException(ChatException.Kind.CONNECTION, "The server at " + s.address()
                    + " does not answer in CHAT/1" + tlsHint, e);
        } catch (IOException e) {
            log.debug("connection failed", e);
            Link.closeQuietly(socket);
            throw new ChatException(ChatException.Kind.CONNECTION,
                    "Connection to " + s.address() + " failed (" + reason(e) + ").", e);
        } catch (RuntimeException e) {
            log.debug("connecting failed unexpectedly", e);
            Link.closeQuietly(socket);
            throw e;
        }
    }

    private static ServerEvent.Welcome awaitWelcome(Link candidate, Duration within, EventCodec codec,
                                                    FrameDecoder decoder, String tlsHint)
            throws IOException, ChatException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("no welcome");
            }
            Frame frame = decoder.read(candidate.in);
            if (frame == null) {
                throw new ChatException(ChatException.Kind.CONNECTION, "The server closed the connection at login"
                        + tlsHint);
            }
            if (!(frame instanceof Frame.Json json)) {
                continue;
            }
            ServerEvent event;
            try {
                event = codec.decodeServer(json.body());
            } catch (RequestException unknown) {
                continue; // an event type this client does not know
            }
            log.debug("before welcome: {}", event);
            switch (event) {
                case ServerEvent.Welcome w -> {
                    return w;
                }
                case ServerEvent.ErrorEvent e -> throw ChatException.refused(e);
                case ServerEvent.Ping p -> candidate.write(codec.frame(new ClientEvent.Pong(p.ref())));
                case ServerEvent.Bye b -> throw new ChatException(ChatException.Kind.CONNECTION,
                        "The server ended the connection at login (" + b.reason() + ").");
                default -> {
                    // nothing else is expected before welcome
                }
            }
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase();
    }
}
