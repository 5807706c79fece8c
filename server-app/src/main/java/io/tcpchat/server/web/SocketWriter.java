package io.tcpchat.server.web;

import io.tcpchat.server.session.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A web session's outbox writer: splits the CHAT/1 frames it is given (4-byte length, kind,
 * body) and sends each J body as one text message. Called only by the session's writer thread,
 * and each send blocks until the container took the message, so a browser that reads slowly
 * holds its writer back (and the outbox then applies the sendq rule) instead of growing a queue.
 *
 * <p>D frames do not occur: a web session's downloads go over HTTP, and its {@code download}
 * request is served like any other, so a D frame here is dropped with a log line rather than
 * turned into a binary message the page would not expect.
 */
final class SocketWriter implements Outbox.Writer {

    private static final Logger log = LoggerFactory.getLogger(SocketWriter.class);

    /** Tomcat's per-session property, read at each blocking send (the close frame's too). */
    private static final String SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final long CLOSE_TIMEOUT_MILLIS = 1000;

    private final WebSocketSession ws;
    /** The container's endpoint with batching on, or null where the session is not a standard one. */
    private final RemoteEndpoint.Basic batched;

    SocketWriter(WebSocketSession ws) {
        this.ws = ws;
        this.batched = batching(ws);
    }

    /**
     * An outbox write is often many events: with batching the container gathers their
     * WebSocket frames in its buffer and writes them to the socket together at
     * {@code flushBatch}, instead of a system call per message.
     */
    private static RemoteEndpoint.Basic batching(WebSocketSession ws) {
        if (ws instanceof NativeWebSocketSession nws && nws.getNativeSession() instanceof Session session) {
            try {
                session.getBasicRemote().setBatchingAllowed(true);
                return session.getBasicRemote();
            } catch (IOException | RuntimeException e) {
                log.debug("no batching for web socket {}: {}", ws.getId(), e.toString());
            }
        }
        return null;
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
        int at = 0;
        while (at + 5 <= length) {
            int frameLength = (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16
                    | (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
            byte kind = bytes[at + 4];
            if (kind == 'J') {
                ws.sendMessage(new TextMessage(new String(bytes, at + 5, frameLength - 1, StandardCharsets.UTF_8)));
            } else {
                log.warn("dropped a {} frame for web session {}", (char) kind, ws.getId());
            }
            at += 4 + frameLength;
        }
        if (batched != null) {
            batched.flushBatch();
        }
    }

    /**
     * Closes the socket. The container serialises the close frame with a send in progress
     * (and closes the connection if it cannot send it in time), but that may take as long as a
     * blocked send: on a thread of its own, so the caller (the timer, a writer) never waits.
     */
    void close() {
        Thread.ofVirtual().name("web-close-" + ws.getId()).start(() -> {
            try {
                if (ws instanceof NativeWebSocketSession nws && nws.getNativeSession() instanceof Session session) {
                    // a peer that stopped reading must not hold the close for the container's default
                    // send timeout (20 s): past this, the container closes the connection itself
                    session.getUserProperties().put(SEND_TIMEOUT, CLOSE_TIMEOUT_MILLIS);
                }
                ws.close(CloseStatus.NORMAL);
            } catch (IOException | RuntimeException e) {
                log.debug("closing web socket {}: {}", ws.getId(), e.toString());
            }
        });
    }
}
