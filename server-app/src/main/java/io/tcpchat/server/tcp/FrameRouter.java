package io.tcpchat.server.tcp;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.chat.ChatService;
import io.tcpchat.server.files.FileService;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.history.HistoryService;
import io.tcpchat.server.history.Receipt;
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
 * Routes each frame from a client to the feature that serves it, on the connection's
 * reader thread (so one connection's requests are handled in the order they came).
 * Decoding errors and refusals become {@code error} events here; no exception escapes.
 */
@Component
class FrameRouter implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameRouter.class);

    private final SessionRegistry registry;
    private final SessionService sessions;
    private final ChatService chat;
    private final HistoryService history;
    private final FileService files;
    private final EventCodec codec;
    private final InboundCounter counter;
    private final AccountService accounts;
    private final EventLog eventLog;

    FrameRouter(SessionRegistry registry, SessionService sessions, ChatService chat, HistoryService history,
                FileService files, EventCodec codec, InboundCounter counter, AccountService accounts,
                EventLog eventLog) {
        this.accounts = accounts;
        this.eventLog = eventLog;
        this.registry = registry;
        this.sessions = sessions;
        this.chat = chat;
        this.history = history;
        this.files = files;
        this.codec = codec;
        this.counter = counter;
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
        ClientEvent event;
        try {
            event = codec.decodeClient(json.body());
        } catch (FrameException e) {
            sessions.badFrame(session, e.getMessage());
            return;
        } catch (RequestException e) {
            if (e.refusesHello() && !session.loggedIn()) {
                sessions.refuseHello(session, e.toEvent());
            } else {
                session.send(e.toEvent());
            }
            return;
        }
        if (!(event instanceof ClientEvent.Ping || event instanceof ClientEvent.Pong) && !session.allowRequest()) {
            session.sendError(ErrorCode.RATE_LIMITED, "too many requests; slow down", event.ref());
            return;
        }
        try {
            route(session, event);
        } catch (RequestException e) {
            session.send(e.toEvent());
        }
    }

    private void route(Session session, ClientEvent event) throws RequestException {
        switch (event) {
            case ClientEvent.Ping ping -> session.send(new ServerEvent.Pong(ping.ref()));
            case ClientEvent.Pong pong -> {
                // an answer to our ping: the read itself kept the connection alive
            }
            case ClientEvent.Bye bye -> sessions.bye(session);
            case ClientEvent.Hello hello -> sessions.hello(session, hello);
            default -> {
                if (!session.loggedIn()) {
                    throw new RequestException(ErrorCode.AUTH_REQUIRED, "send hello first", event.ref());
                }
                routeLoggedIn(session, event);
            }
        }
    }

    private void routeLoggedIn(Session session, ClientEvent event) throws RequestException {
        switch (event) {
            case ClientEvent.Send msg -> {
                chat.send(session, msg);
                counter.message();
            }
            case ClientEvent.Who who -> sessions.who(session, who);
            case ClientEvent.HistoryQuery query -> session.sendFrame(history.page(session.user(), query));
            case ClientEvent.Upload upload -> files.upload(session, upload);
            case ClientEvent.Download download -> files.download(session, download);
            case ClientEvent.Cancel cancel -> files.cancel(session, cancel);
            case ClientEvent.Register register -> {
                accounts.register(session.user(), register);
                session.send(new ServerEvent.Ack(register.ref(), null, null));
            }
            case ClientEvent.Hello hello -> throw new IllegalStateException("routed above");
            case ClientEvent.Ping ping -> throw new IllegalStateException("routed above");
            case ClientEvent.Pong pong -> throw new IllegalStateException("routed above");
            case ClientEvent.Bye bye -> throw new IllegalStateException("routed above");
        }
    }
}
