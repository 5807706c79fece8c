package io.tcpchat.server.requests;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.chat.ChatService;
import io.tcpchat.server.files.FileService;
import io.tcpchat.server.history.HistoryService;
import io.tcpchat.server.history.Viewer;
import io.tcpchat.server.rooms.RoomService;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionService;
import org.springframework.stereotype.Component;

/**
 * Routes each request of a logged-in or logging-in session to the feature that serves it,
 * whatever transport brought it (CHAT/1 frames, or another listener that translates its own
 * wire format into {@link ClientEvent}s). Runs on the connection's reader thread, so one
 * connection's requests are served in order. Refusals become {@code error} events here.
 */
@Component
public class RequestRouter {

    private final SessionService sessions;
    private final ChatService chat;
    private final HistoryService history;
    private final FileService files;
    private final AccountService accounts;
    private final EventCodec codec;
    private final RoomService rooms;

    RequestRouter(SessionService sessions, ChatService chat, HistoryService history, FileService files,
                  AccountService accounts, EventCodec codec, RoomService rooms) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.chat = chat;
        this.history = history;
        this.files = files;
        this.accounts = accounts;
        this.codec = codec;
    }

    /** A J frame's body: decoded, then routed. A body that is not an event closes the connection. */
    public void handleJson(Session session, byte[] body) {
        ClientEvent event;
        try {
            event = codec.decodeClient(body);
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
        handle(session, event);
    }

    /** One request: rate-limited (but for ping and pong), then served. */
    public void handle(Session session, ClientEvent event) {
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
            case ClientEvent.Send msg -> chat.send(session, msg);
            case ClientEvent.Who who -> sessions.who(session, who);
            case ClientEvent.HistoryQuery query -> session.sendFrame(history.page(viewer(session, query), query));
            case ClientEvent.Upload upload -> files.upload(session, upload);
            case ClientEvent.Download download -> files.download(session, download);
            case ClientEvent.Cancel cancel -> files.cancel(session, cancel);
            case ClientEvent.Register register -> {
                accounts.register(session.user(), register);
                session.send(new ServerEvent.Ack(register.ref(), null, null));
            }
            case ClientEvent.RoomsQuery q -> rooms.list(session, q);
            case ClientEvent.RoomRequest r -> rooms.handle(session, r);
            case ClientEvent.Hello hello -> throw new IllegalStateException("routed above");
            case ClientEvent.Ping ping -> throw new IllegalStateException("routed above");
            case ClientEvent.Pong pong -> throw new IllegalStateException("routed above");
            case ClientEvent.Bye bye -> throw new IllegalStateException("routed above");
        }
    }

    /** Whose history, of what: a room's (a rooms-aware session only), #lobby's, or the default set. */
    private Viewer viewer(Session session, ClientEvent.HistoryQuery query) throws RequestException {
        if (query.room() == null) {
            return new Viewer(session.user(), session.roomsAware(), Viewer.Scope.DEFAULT, null);
        }
        String room = rooms.target(session, query.room(), null, query.ref());
        return room == null ? new Viewer(session.user(), true, Viewer.Scope.LOBBY, null)
                : new Viewer(session.user(), true, Viewer.Scope.ROOM, room);
    }
}
