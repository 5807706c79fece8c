package io.tcpchat.server.tcp;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.files.FileService;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.history.Receipt;
import io.tcpchat.server.requests.RequestRouter;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import io.tcpchat.server.session.SessionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;
import org.springframework.stereotype.Component;

/**
 * Takes each frame from a CHAT/1 client on the connection's reader thread (so one
 * connection's requests are handled in the order they came): data frames to files, J frames
 * to the {@link RequestRouter}. Framing errors become {@code error} events here; no
 * exception escapes.
 */
@Component
class FrameRouter implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameRouter.class);

    private final SessionRegistry registry;
    private final SessionService sessions;
    private final FileService files;
    private final InboundCounter counter;
    private final EventLog eventLog;
    private final RequestRouter requests;

    FrameRouter(SessionRegistry registry, SessionService sessions, FileService files, InboundCounter counter,
                EventLog eventLog, RequestRouter requests) {
        this.eventLog = eventLog;
        this.registry = registry;
        this.sessions = sessions;
        this.files = files;
        this.counter = counter;
        this.requests = requests;
    }

    @Override
    public void handleMessage(Message<?> message) {
        Session session = registry.byConnection((String) message.getHeaders().get(IpHeaders.CONNECTION_ID));
        if (session == null || session.closing()) {
            return;
        }
        long now = System.nanoTime();
        session.touch(now);
        Receipt.mark(now);
        try {
            if (message.getPayload() instanceof FrameDeserializer.FrameBatch batch) {
                // the events of one read are queued for storing in one go
                eventLog.inBatch(() -> {
                    for (Object frame : batch.frames()) {
                        if (session.closing()) {
                            return;
                        }
                        handle(session, frame);
                    }
                });
            } else {
                handle(session, message.getPayload());
            }
        } finally {
            Receipt.clear();
        }
    }

    private void handle(Session session, Object frame) {
        try {
            switch (frame) {
                case FrameDeserializer.BadFrame bad -> sessions.badFrame(session, bad.reason());
                case Frame.Data data -> onData(session, data);
                case Frame.Json json -> onJson(session, json);
                default -> throw new IllegalStateException("unexpected payload " + frame.getClass());
            }
        } catch (RuntimeException e) {
            log.error("internal error serving {}", session, e);
            session.sendError(ErrorCode.INTERNAL, "internal error", null);
        }
    }

    private void onData(Session session, Frame.Data data) {
        counter.received(data.data().length + 21);
        if (!session.loggedIn()) {
            session.send(new ServerEvent.ErrorEvent(ErrorCode.AUTH_REQUIRED.wire(), "send hello first", null, data.file()));
            return;
        }
        files.data(session, data);
    }

    private void onJson(Session session, Frame.Json json) {
        counter.received(json.body().length + 5);
        requests.handleJson(session, json.body());
    }
}
