package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.protocol.Texts;
import io.tcpchat.protocol.UserNames;
import io.tcpchat.server.accounts.AccountService;
import io.tcpchat.server.history.EventDraft;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.session.Session;

/**
 * The room requests, on the connection's reader thread: checks what never depends on state
 * (syntax, lengths, whether an invitee is registered), then hands the request to the event
 * log, whose store stage decides it in order ({@link RoomGate}) and whose publisher answers.
 * {@code members} and {@code rooms} are answered here from the live rooms.
 */
public class RoomService {

    private final EventLog eventLog;
    private final RoomAnswers answers;
    private final AccountService accounts;
    private final RoomSettings settings;

    RoomService(EventLog eventLog, RoomAnswers answers, AccountService accounts, RoomSettings settings) {
        this.eventLog = eventLog;
        this.answers = answers;
        this.accounts = accounts;
        this.settings = settings;
    }

    /**
     * The room a {@code msg} or {@code upload} names, folded: {@code null} for #lobby (or none).
     * Checks the session may name one, and the name; membership is the gate's to check.
     */
    public String target(Session session, String room, String to, String ref) throws RequestException {
        if (room == null) {
            return null;
        }
        requireRooms(session, ref);
        if (to != null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "a message goes to a room or to a user, not both", ref);
        }
        String name = fold(room, ref);
        return RoomNames.LOBBY.equals(name) ? null : name;
    }

    /** Refuses at once a post to a room the user is not in (the gate checks again, in order). */
    public void requireMember(Session session, String room, String ref) throws RequestException {
        boolean exists = eventLog.atomically(() -> answers.exists(room));
        if (!exists) {
            throw new RequestException(ErrorCode.NOT_FOUND, room + " does not exist", ref);
        }
        if (!eventLog.atomically(() -> answers.isMember(room, session.user()))) {
            throw new RequestException(ErrorCode.FORBIDDEN, "you are not in " + room, ref);
        }
    }

    public void handle(Session session, ClientEvent.RoomRequest request) throws RequestException {
        String ref = request.ref();
        requireRooms(session, ref);
        String room = fold(request.room(), ref);
        boolean lobby = RoomNames.LOBBY.equals(room);
        ClientEvent.RoomRequest folded = check(request, room, lobby, ref);
        if (folded instanceof ClientEvent.Members) {
            members(session, room, ref);
            return;
        }
        if (folded instanceof ClientEvent.Join && lobby) {
            session.send(eventLog.atomically(() -> answers.state(room, session.user(), session.admin(), ref, null, null)));
            return;
        }
        eventLog.publish(new EventDraft.RoomRequest(session.user(), session.admin(), session.authenticated(), folded),
                new Answer(session, folded));
    }

    public void list(Session session, ClientEvent.RoomsQuery query) throws RequestException {
        requireRooms(session, query.ref());
        String after = query.after() == null ? null : query.after().toLowerCase(java.util.Locale.ROOT);
        session.send(eventLog.atomically(() -> answers.list(after, session.user(), query.ref())));
    }

    private void members(Session session, String room, String ref) throws RequestException {
        ServerEvent.RoomState state = eventLog.atomically(() ->
                answers.mayList(room, session.user(), session.admin())
                        ? answers.state(room, session.user(), session.admin(), ref, null, null) : null);
        if (state == null) {
            if (eventLog.atomically(() -> answers.exists(room))) {
                throw new RequestException(ErrorCode.FORBIDDEN, room + " is invite-only: its members are for members",
                        ref);
            }
            throw new RequestException(ErrorCode.NOT_FOUND, room + " does not exist", ref);
        }
        session.send(state);
    }

    /** The request with its room folded, once its fields are checked. */
    private ClientEvent.RoomRequest check(ClientEvent.RoomRequest r, String room, boolean lobby, String ref)
            throws RequestException {
        return switch (r) {
            case ClientEvent.Join j -> new ClientEvent.Join(room, ref);
            case ClientEvent.Members m -> new ClientEvent.Members(room, ref);
            case ClientEvent.Part p -> new ClientEvent.Part(notLobby(room, lobby, "parted", ref), text(p.text(), ref), ref);
            case ClientEvent.Topic t -> {
                if (t.topic() == null) {
                    throw new RequestException(ErrorCode.BAD_REQUEST, "topic needs a topic (\"\" clears it)", ref);
                }
                yield new ClientEvent.Topic(room, text(t.topic(), ref), ref);
            }
            case ClientEvent.Mode m -> {
                if (m.inviteOnly() == null && m.topicLock() == null) {
                    throw new RequestException(ErrorCode.BAD_REQUEST, "mode needs inviteOnly or topicLock", ref);
                }
                yield new ClientEvent.Mode(notLobby(room, lobby, "moded", ref), m.inviteOnly(), m.topicLock(), ref);
            }
            case ClientEvent.Op o -> new ClientEvent.Op(notLobby(room, lobby, "given operators", ref), user(o.user(), ref),
                    ref);
            case ClientEvent.Deop o -> new ClientEvent.Deop(notLobby(room, lobby, "given operators", ref),
                    user(o.user(), ref), ref);
            case ClientEvent.Kick k -> new ClientEvent.Kick(notLobby(room, lobby, "kicked from", ref), user(k.user(), ref),
                    text(k.text(), ref), ref);
            case ClientEvent.Ban b -> new ClientEvent.Ban(room, user(b.user(), ref), text(b.text(), ref), ref);
            case ClientEvent.Unban u -> new ClientEvent.Unban(room, user(u.user(), ref), ref);
            case ClientEvent.Invite i -> {
                String user = user(i.user(), ref);
                notLobby(room, lobby, "invited to", ref);
                if (!accounts.isRegistered(user)) {
                    throw new RequestException(ErrorCode.NOT_FOUND, "'" + user + "' is not registered: only registered "
                            + "names are invited", ref);
                }
                yield new ClientEvent.Invite(room, user, ref);
            }
            case ClientEvent.Close c -> new ClientEvent.Close(notLobby(room, lobby, "closed", ref), text(c.text(), ref),
                    ref);
        };
    }

    private static String notLobby(String room, boolean lobby, String what, String ref) throws RequestException {
        if (lobby) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "#lobby cannot be " + what, ref);
        }
        return room;
    }

    private static String fold(String room, String ref) throws RequestException {
        String name = RoomNames.fold(room);
        if (name == null) {
            throw new RequestException(ErrorCode.NAME_INVALID, RoomNames.RULE, ref);
        }
        return name;
    }

    private static String user(String user, String ref) throws RequestException {
        if (!UserNames.isValid(user)) {
            throw new RequestException(ErrorCode.NAME_INVALID, UserNames.RULE, ref);
        }
        return user;
    }

    /** A topic or a reason: one line of text, at most {@code topic-max} code points. */
    private String text(String text, String ref) throws RequestException {
        if (text == null) {
            return null;
        }
        if (Texts.hasLoneSurrogate(text) || Texts.hasControlOtherThanTabOrLf(text) || text.indexOf('\n') >= 0) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "a topic or reason is one line without control characters",
                    ref);
        }
        if (Texts.codePoints(text) > settings.topicMax()) {
            throw new RequestException(ErrorCode.TOO_LARGE, "longer than " + settings.topicMax() + " code points", ref);
        }
        return text;
    }

    private void requireRooms(Session session, String ref) throws RequestException {
        if (!settings.enabled()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "this server has no rooms", ref);
        }
        if (!session.roomsAware()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "send features:[\"rooms\"] in hello to use rooms", ref);
        }
    }

    /** The answer to a decided request, on the event log's publisher (under its lock). */
    private final class Answer implements EventLog.Committed {
        private final Session session;
        private final ClientEvent.RoomRequest request;

        Answer(Session session, ClientEvent.RoomRequest request) {
            this.session = session;
            this.request = request;
        }

        @Override
        public void stored(ServerEvent.Stored event) {
            if (request instanceof ClientEvent.Join j) {
                Boolean created = event instanceof ServerEvent.RoomJoined rj ? rj.created() : null;
                ServerEvent.RoomState state = answers.state(j.room(), session.user(), session.admin(), j.ref(),
                        event.seq(), created);
                session.send(state != null ? state : new ServerEvent.Ack(j.ref(), event.seq(), null));
            } else {
                session.send(new ServerEvent.Ack(request.ref(), event.seq(), null));
            }
        }

        @Override
        public void unchanged() {
            if (request instanceof ClientEvent.Join j) {
                ServerEvent.RoomState state = answers.state(j.room(), session.user(), session.admin(), j.ref(), null,
                        null);
                session.send(state != null ? state : new ServerEvent.Ack(j.ref(), null, null));
            } else {
                session.send(new ServerEvent.Ack(request.ref(), null, null));
            }
        }

        @Override
        public void refused(RequestException e) {
            session.send(new ServerEvent.ErrorEvent(e.code().wire(), e.getMessage(), request.ref(), null));
        }

        @Override
        public void failed(Exception e) {
            session.sendError(ErrorCode.INTERNAL, "the request could not be stored", request.ref());
        }
    }
}
