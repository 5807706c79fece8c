package io.tcpchat.server.web;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.Receipt;
import io.tcpchat.server.requests.RequestRouter;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import io.tcpchat.server.session.SessionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * {@code /ws}: each WebSocket is a chat session of protocol {@code web}. A text message is one
 * CHAT/1 JSON event, handed to the same {@link RequestRouter} as a J frame; the container
 * delivers one socket's messages one at a time, so its requests are served in order. A binary
 * message is a framing error, as an unknown frame kind is on TCP: {@code bad_frame}, then close.
 */
@Component
@ConditionalOnBooleanProperty(name = "chat.web.enabled", matchIfMissing = true)
class ChatSocketHandler extends AbstractWebSocketHandler {

    static final String PROTOCOL = "web";
    private static final Logger log = LoggerFactory.getLogger(ChatSocketHandler.class);

    private final SessionService sessions;
    private final SessionRegistry registry;
    private final RequestRouter requests;
    private final EventCodec codec;
    private final int maxMessage;

    ChatSocketHandler(SessionService sessions, SessionRegistry registry, RequestRouter requests, EventCodec codec,
                      ChatProperties properties) {
        this.codec = codec;
        this.sessions = sessions;
        this.registry = registry;
        this.requests = requests;
        this.maxMessage = (int) properties.limits().maxFrame().toBytes();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) {
        // The container refuses (close 1009) a message over this; chat's own checks see the rest.
        ws.setTextMessageSizeLimit(maxMessage);
        ws.setBinaryMessageSizeLimit(1024);
        SocketWriter writer = new SocketWriter(ws);
        sessions.open(connectionId(ws), address(ws), PROTOCOL, writer, writer::close);
    }

    @Override
    protected void handleTextMessage(WebSocketSession ws, TextMessage message) {
        Session session = registry.byConnection(connectionId(ws));
        if (session == null || session.closing()) {
            return;
        }
        long now = System.nanoTime();
        session.touch(now);
        Receipt.mark(now);
        try {
            handle(session, message.getPayload().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.error("internal error serving {}", session, e);
            session.sendError(ErrorCode.INTERNAL, "internal error", null);
        } finally {
            Receipt.clear();
        }
    }

    /**
     * File bytes travel over HTTP here, so {@code upload} and {@code download}, whose bytes
     * would be D frames, are refused with a pointer to {@code /files}. Anything the codec
     * refuses goes to the router as it came, which answers it as on TCP.
     */
    private void handle(Session session, byte[] json) {
        ClientEvent event;
        try {
            event = codec.decodeClient(json);
        } catch (FrameException | RequestException e) {
            requests.handleJson(session, json);
            return;
        }
        switch (event) {
            case ClientEvent.Upload u -> refuse(session, "uploads go over HTTP: POST /files", u.ref());
            case ClientEvent.Download d -> refuse(session, "downloads go over HTTP: GET /files/" + d.file(), d.ref());
            default -> requests.handle(session, event);
        }
    }

    private static void refuse(Session session, String message, String ref) {
        if (session.allowRequest()) {
            session.sendError(ErrorCode.BAD_REQUEST, message, ref);
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession ws, BinaryMessage message) {
        Session session = registry.byConnection(connectionId(ws));
        if (session != null && !session.closing()) {
            sessions.badFrame(session, "binary messages are not events; file bytes go over HTTP");
        }
    }

    @Override
    public void handleTransportError(WebSocketSession ws, Throwable exception) {
        log.debug("web socket {} failed", ws.getId(), exception);
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
        sessions.closed(connectionId(ws));
    }

    /** Distinct from the TCP adapters' ids, which are host:port:port:uuid. */
    private static String connectionId(WebSocketSession ws) {
        return "web:" + ws.getId();
    }

    private static String address(WebSocketSession ws) {
        InetSocketAddress remote = ws.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
