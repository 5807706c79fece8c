package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.Viewer;
import io.tcpchat.server.session.Session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tells CHAT/1 events as IRC lines, on the session's writer thread: messages as PRIVMSG (an
 * action as CTCP ACTION), presence as JOIN #lobby and QUIT, files as a NOTICE, the
 * {@code welcome} as the registration burst and the channels the user is in, each joined with
 * its names and a replay of its last messages. Answers to the client's own commands (matched
 * by {@code ref}) are {@link IrcAnswers}'; {@code room.*} events {@link IrcRoomEvents}'.
 */
final class IrcRenderer {

    /** Server errors after which the session ends: told as IRC's ERROR before the socket closes. */
    private static final Set<ErrorCode> CLOSING = Set.of(ErrorCode.TIMEOUT, ErrorCode.TOO_MANY_CONNECTIONS,
            ErrorCode.SLOW_CONSUMER, ErrorCode.SERVER_SHUTDOWN, ErrorCode.BAD_FRAME, ErrorCode.UNSUPPORTED_VERSION);

    private final IrcConnection c;
    private final IrcAnswers answers;
    private final IrcRoomEvents rooms;

    IrcRenderer(IrcConnection c) {
        this.c = c;
        this.answers = new IrcAnswers(c, this);
        this.rooms = new IrcRoomEvents(c, this);
    }

    void render(ServerEvent event) {
        switch (event) {
            case ServerEvent.Welcome w -> welcome(w);
            case ServerEvent.ChatMessage m -> live(channelOf(m.room(), m.to()), m.seq(), message(m));
            case ServerEvent.FileAvailable f -> live(channelOf(f.room(), f.to()), f.seq(), file(f));
            case ServerEvent.Joined j -> online(j);
            case ServerEvent.Left l -> offline(l);
            case ServerEvent.RoomEvent r -> rooms.render(r);
            case ServerEvent.Ack a -> answers.ack(a);
            case ServerEvent.ErrorEvent e -> {
                if (!answers.error(e)) {
                    serverError(e);
                }
            }
            case ServerEvent.RoomState s -> answers.roomState(s);
            case ServerEvent.Users u -> answers.users(u);
            case ServerEvent.RoomList l -> answers.rooms(l);
            case ServerEvent.HistoryPage p -> answers.history(p);
            case ServerEvent.Bye b -> c.sendNow("ERROR :Closing link: " + IrcLines.HOST + " (" + b.reason() + ")");
            case ServerEvent.Ping p -> { } // the server never pings; IRC PINGs are the gateway's own
            case ServerEvent.Pong p -> { }
            case ServerEvent.UploadReady u -> { } // nothing of files is asked for by IRC clients
            case ServerEvent.DownloadStart d -> { }
            case ServerEvent.DownloadEnd d -> { }
        }
    }

    private void welcome(ServerEvent.Welcome w) {
        Pending p = w.ref() == null ? null : c.pending.remove(w.ref());
        Pending.Kind kind = p == null ? Pending.Kind.HELLO : p.kind();
        c.welcome(w);
        switch (kind) {
            case HELLO_SASL -> {
                String me = c.nick() == null ? "*" : c.nick();
                c.sendNow(List.of(
                        IrcLines.line(null, c.ctx.server(), IrcNumerics.RPL_LOGGEDIN, me, IrcLines.mask(w.user()),
                                w.user(), "You are now logged in as " + w.user()),
                        IrcLines.line(null, c.ctx.server(), IrcNumerics.RPL_SASLSUCCESS, me,
                                "SASL authentication successful")));
            }
            case HELLO_NICK -> {
                c.send(IrcLines.line(null, IrcLines.mask(p.arg()), "NICK", w.user()));
                c.nick(w.user());
            }
            default -> {
                if (c.registered()) {
                    c.nick(w.user());
                }
            }
        }
        List<String> rooms = w.rooms() == null || w.rooms().isEmpty() ? List.of(RoomNames.LOBBY) : w.rooms();
        for (IrcChannels.Channel ch : c.channels.all()) {
            if (!rooms.contains(ch.name)) {
                // the new name is not in this room (a nick change): the client leaves it
                c.channels.remove(ch.name);
                c.send(IrcLines.lineTrailing(null, IrcLines.mask(w.user()), "PART", ch.name,
                        "not a room of " + w.user()));
            }
        }
        for (String room : rooms) {
            if (c.channels.get(room) == null) {
                join(room, null, null);
            }
        }
        c.tryComplete();
    }

    /**
     * Tells the client it joined {@code room}: JOIN, then topic and names (from {@code state}, or
     * asked for), then the room's last messages.
     */
    void join(String room, ServerEvent.RoomState state, Long joinSeq) {
        IrcChannels.Channel ch = c.channels.add(room);
        List<String> lines = new ArrayList<>();
        lines.add(IrcLines.line(null, IrcLines.mask(c.nick() == null ? c.welcome().user() : c.nick()), "JOIN", room));
        Session session = c.session();
        if (state != null) {
            ch.state(state);
            ch.topicShown = true;
            if (ch.topic != null && !ch.topic.isEmpty()) {
                lines.add(c.numeric(IrcNumerics.RPL_TOPIC, room, ch.topic));
            }
            lines.addAll(answers.names(ch));
        } else if (RoomNames.isLobby(room)) {
            c.ctx.sessions().who(session, new ClientEvent.Who(c.ref(Pending.of(Pending.Kind.NAMES, room))));
        } else {
            // a room the name was in already (at login): its topic and members, asked for by the
            // gateway itself (straight to the rooms, outside the user's request rate)
            String ref = c.ref(Pending.of(Pending.Kind.NAMES, room));
            try {
                c.ctx.rooms().handle(session, new ClientEvent.Members(room, ref));
            } catch (RequestException e) {
                c.pending.remove(ref);
            }
        }
        c.send(lines);
        replay(ch, joinSeq);
    }

    /** The room's last {@code chat.irc.replay} messages, each with its time; live lines wait meanwhile. */
    private void replay(IrcChannels.Channel ch, Long before) {
        int count = c.ctx.irc().replay();
        Session session = c.session();
        if (count == 0 || session == null) {
            return;
        }
        boolean lobby = RoomNames.isLobby(ch.name);
        Viewer viewer = new Viewer(session.user(), true, lobby ? Viewer.Scope.LOBBY : Viewer.Scope.ROOM,
                lobby ? null : ch.name);
        String ref = c.ref(Pending.of(Pending.Kind.REPLAY, ch.name));
        // room events (joins, topics) share the page: ask for more, keep the last `count` messages
        int limit = Math.min(count * 2 + 10, ProtocolDefaults.HISTORY_MAX_LIMIT);
        try {
            // asked by the gateway, not the user: straight to history, outside the user's request rate
            session.sendFrame(c.ctx.history().page(viewer, new ClientEvent.HistoryQuery(before, limit, null, ref)));
            ch.replaying = true;
        } catch (RequestException e) {
            c.pending.remove(ref); // nothing to replay (no span in the room yet)
        }
    }

    /** Lines for a channel: sent, or held while its replay is on its way (then sent after it). */
    void live(String channel, long seq, List<String> lines) {
        IrcChannels.Channel ch = channel == null ? null : c.channels.get(channel);
        if (ch != null && ch.replaying) {
            ch.held.add(new IrcChannels.Held(seq, lines));
        } else {
            c.send(lines);
        }
    }

    /** The channel an event belongs to, or null for a direct one. */
    static String channelOf(String room, String to) {
        return to != null ? null : room == null ? RoomNames.LOBBY : room;
    }

    List<String> message(ServerEvent.ChatMessage m) {
        String target = m.to() == null ? channelOf(m.room(), null)
                : m.from().equalsIgnoreCase(me()) ? m.to() : me();
        return IrcLines.texts(tags(m.ts(), m.seq()), IrcLines.mask(m.from()), "PRIVMSG", target, m.text(),
                "action".equals(m.kind()));
    }

    List<String> file(ServerEvent.FileAvailable f) {
        String target = f.to() == null ? channelOf(f.room(), null)
                : f.from().equalsIgnoreCase(me()) ? f.to() : me();
        return IrcLines.texts(tags(f.ts(), f.seq()), IrcLines.mask(f.from()), "NOTICE", target,
                IrcFiles.describe(f), false);
    }

    private void online(ServerEvent.Joined j) {
        if (j.user().equalsIgnoreCase(me())) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(IrcLines.line(tags(j.ts(), null), IrcLines.mask(j.user()), "JOIN", RoomNames.LOBBY));
        for (IrcChannels.Channel ch : c.channels.all()) {
            if (!RoomNames.isLobby(ch.name) && ch.has(j.user())) {
                ch.online.put(IrcChannels.fold(j.user()), true);
                lines.add(IrcLines.line(tags(j.ts(), null), IrcLines.mask(j.user()), "JOIN", ch.name));
                if (ch.op(j.user())) {
                    lines.add(IrcLines.line(null, c.ctx.server(), "MODE", ch.name, "+o", j.user()));
                }
            }
        }
        live(RoomNames.LOBBY, j.seq(), lines);
    }

    private void offline(ServerEvent.Left l) {
        if (l.user().equalsIgnoreCase(me())) {
            return;
        }
        for (IrcChannels.Channel ch : c.channels.all()) {
            if (ch.has(l.user())) {
                ch.online.put(IrcChannels.fold(l.user()), false);
            }
        }
        live(RoomNames.LOBBY, l.seq(), List.of(IrcLines.lineTrailing(tags(l.ts(), null), IrcLines.mask(l.user()),
                "QUIT",
                "Quit: " + (l.reason() == null ? "left" : l.reason()))));
    }

    private void serverError(ServerEvent.ErrorEvent e) {
        ErrorCode code = e.errorCode();
        if (code != null && CLOSING.contains(code)) {
            c.sendNow("ERROR :Closing link: " + IrcLines.HOST + " (" + e.message() + ")");
        } else {
            c.send(IrcLines.lineTrailing(null, c.ctx.server(), "NOTICE", me(), e.code() + ": " + e.message()));
        }
    }

    String me() {
        String nick = c.nick();
        return nick != null ? nick : c.welcome() != null ? c.welcome().user() : "*";
    }

    /** server-time (the event's time) and, with message-tags, its seq as {@code msgid}. */
    String tags(Instant ts, Long seq) {
        String time = c.timeTag(ts);
        String id = seq != null && c.has("message-tags") ? "msgid=" + seq : null;
        if (time == null) {
            return id;
        }
        return id == null ? time : time + ";" + id;
    }
}
