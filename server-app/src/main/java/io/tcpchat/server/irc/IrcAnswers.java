package io.tcpchat.server.irc;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.tcpchat.server.irc.IrcNumerics.*;

/**
 * The answers to the client's own commands, matched by {@code ref} to the {@link Pending} the
 * command left: acks echo what the user did (IRC shows you your own JOIN, PART, TOPIC, MODE,
 * KICK), lists become numerics, and errors become the numerics {@link IrcErrors} picks.
 * Writer thread.
 */
final class IrcAnswers {

    private final IrcConnection c;
    private final IrcRenderer renderer;
    private final IrcErrors errors;

    IrcAnswers(IrcConnection c, IrcRenderer renderer) {
        this.c = c;
        this.renderer = renderer;
        this.errors = new IrcErrors(c);
    }

    void ack(ServerEvent.Ack a) {
        Pending p = a.ref() == null ? null : c.pending.remove(a.ref());
        if (p == null) {
            return;
        }
        String me = IrcLines.mask(renderer.me());
        boolean changed = a.seq() != null; // no seq: nothing changed, nothing stored (rooms §1.4)
        switch (p.kind()) {
            case PRIVMSG, NOTICE -> {
                if (c.has("echo-message")) { // IRCv3 echo-message: the sender sees its message as others do
                    c.send(IrcLines.texts(renderer.tags(Instant.now(), a.seq()), me,
                            p.kind() == Pending.Kind.PRIVMSG ? "PRIVMSG" : "NOTICE", p.target(), p.text(),
                            p.arg() != null));
                }
            }
            case PART -> {
                c.channels.remove(p.target());
                c.send(p.text() == null ? IrcLines.line(null, me, "PART", p.target())
                        : IrcLines.lineTrailing(null, me, "PART", p.target(), p.text()));
            }
            case TOPIC -> {
                IrcChannels.Channel ch = c.channels.get(p.target());
                if (ch != null) {
                    ch.topic = p.text();
                }
                if (changed) {
                    c.send(IrcLines.lineTrailing(null, me, "TOPIC", p.target(), p.text()));
                }
            }
            case MODE -> {
                if (changed) {
                    IrcRoomEvents.applyMode(c.channels.get(p.target()), p.arg(), p.text());
                    c.send(p.text() == null ? IrcLines.line(null, me, "MODE", p.target(), p.arg())
                            : IrcLines.line(null, me, "MODE", p.target(), p.arg(), p.text()));
                }
            }
            case KICK -> {
                IrcChannels.Channel ch = c.channels.get(p.target());
                if (ch != null) {
                    ch.removeMember(p.arg());
                }
                String reason = p.text() == null ? p.arg() : p.text();
                c.send(IrcLines.lineTrailing(null, me, "KICK", p.target(), p.arg(), reason));
            }
            case INVITE -> c.send(c.numeric(RPL_INVITING, p.arg(), p.target()));
            default -> {
            }
        }
    }

    /** False when the error answers nothing the gateway asked (a server-level error). */
    boolean error(ServerEvent.ErrorEvent e) {
        Pending p = e.ref() == null ? null : c.pending.remove(e.ref());
        if (p == null) {
            return false;
        }
        if (p.kind() == Pending.Kind.REPLAY) {
            finishReplay(c.channels.get(p.target()), List.of());
            return true;
        }
        errors.tell(p, e.errorCode(), e.message());
        return true;
    }

    void roomState(ServerEvent.RoomState s) {
        Pending p = s.ref() == null ? null : c.pending.remove(s.ref());
        if (p == null) {
            return;
        }
        IrcChannels.Channel ch = c.channels.get(s.room());
        switch (p.kind()) {
            case JOIN -> {
                if (ch == null) {
                    renderer.join(s.room(), s, s.seq());
                } else {
                    ch.state(s); // a member already, and the client knows it
                }
            }
            case NAMES -> {
                IrcChannels.Channel known = ch != null ? ch : new IrcChannels.Channel(s.room());
                known.state(s);
                boolean joinedNow = ch != null && !ch.topicShown;
                if (joinedNow && s.topic() != null && !s.topic().isEmpty()) {
                    c.send(c.numeric(RPL_TOPIC, s.room(), s.topic()));
                }
                if (ch != null) {
                    ch.topicShown = true;
                }
                c.send(names(known));
            }
            case TOPIC_QUERY -> c.send(s.topic() == null || s.topic().isEmpty()
                    ? c.numeric(RPL_NOTOPIC, s.room(), "No topic is set")
                    : c.numeric(RPL_TOPIC, s.room(), s.topic()));
            case MODE_QUERY -> c.send(c.numeric(RPL_CHANNELMODEIS, s.room(),
                    "+" + (s.inviteOnly() ? "i" : "") + (s.topicLock() ? "t" : "")));
            case BAN_LIST -> {
                List<String> lines = new ArrayList<>();
                if (s.bans() != null) {
                    for (ServerEvent.BanEntry b : s.bans()) {
                        lines.add(c.numeric(RPL_BANLIST, s.room(), b.user() + "!*@*", b.by()));
                    }
                }
                lines.add(c.numeric(RPL_ENDOFBANLIST, s.room(), "End of channel ban list"));
                c.send(lines);
            }
            case WHO -> {
                List<String> lines = new ArrayList<>();
                for (ServerEvent.Member m : s.members()) {
                    if (m.online()) {
                        lines.add(whoLine(s.room(), m.user(), m.op()));
                    }
                }
                lines.add(c.numeric(RPL_ENDOFWHO, s.room(), "End of WHO list"));
                c.send(lines);
            }
            default -> {
            }
        }
    }

    void users(ServerEvent.Users u) {
        Pending p = u.ref() == null ? null : c.pending.remove(u.ref());
        if (p == null) {
            return;
        }
        switch (p.kind()) {
            case NAMES -> {
                IrcChannels.Channel lobby = new IrcChannels.Channel(RoomNames.LOBBY);
                u.users().forEach(user -> lobby.member(user, true, false));
                c.send(names(lobby));
            }
            case WHO -> {
                List<String> lines = new ArrayList<>();
                boolean all = RoomNames.LOBBY.equals(p.target());
                for (String user : u.users()) {
                    if (all || user.equalsIgnoreCase(p.target())) {
                        lines.add(whoLine(RoomNames.LOBBY, user, false));
                    }
                }
                lines.add(c.numeric(RPL_ENDOFWHO, p.target(), "End of WHO list"));
                c.send(lines);
            }
            case ISON, USERHOST -> {
                java.util.Map<String, String> online = new java.util.HashMap<>();
                u.users().forEach(n -> online.put(IrcChannels.fold(n), n));
                List<String> found = new ArrayList<>();
                for (String asked : p.arg().split(" +")) {
                    String nick = online.get(IrcChannels.fold(asked));
                    if (nick != null) {
                        found.add(p.kind() == Pending.Kind.ISON ? nick : nick + "=+" + nick + "@" + IrcLines.HOST);
                    }
                }
                String code = p.kind() == Pending.Kind.ISON ? RPL_ISON : RPL_USERHOST;
                c.send(IrcLines.lineTrailing(null, c.ctx.server(), code, renderer.me(), String.join(" ", found)));
            }
            case WHOIS -> {
                String nick = u.users().stream().filter(n -> n.equalsIgnoreCase(p.target())).findFirst().orElse(null);
                List<String> lines = new ArrayList<>();
                if (nick == null) {
                    lines.add(c.numeric(ERR_NOSUCHNICK, p.target(), "No such nick/channel"));
                } else {
                    lines.add(IrcLines.lineTrailing(null, c.ctx.server(), RPL_WHOISUSER, renderer.me(), nick, nick,
                            IrcLines.HOST, "*", nick));
                    lines.add(c.numeric(RPL_WHOISSERVER, nick, c.ctx.server(), c.ctx.irc().network()));
                }
                lines.add(c.numeric(RPL_ENDOFWHOIS, nick == null ? p.target() : nick, "End of /WHOIS list"));
                c.send(lines);
            }
            default -> {
            }
        }
    }

    void rooms(ServerEvent.RoomList l) {
        Pending p = l.ref() == null ? null : c.pending.remove(l.ref());
        if (p == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(c.numeric(RPL_LISTSTART, "Channel", "Users  Name"));
        for (ServerEvent.RoomInfo r : l.rooms()) {
            String topic = (r.inviteOnly() ? "[+i] " : "") + (r.topic() == null ? "" : r.topic());
            lines.add(c.numeric(RPL_LIST, r.room(), String.valueOf(r.members()), topic));
        }
        lines.add(c.numeric(RPL_LISTEND, l.more() ? "End of /LIST (cut: more rooms exist)" : "End of /LIST"));
        c.send(lines);
    }

    void history(ServerEvent.HistoryPage page) {
        Pending p = page.ref() == null ? null : c.pending.remove(page.ref());
        if (p == null || p.kind() != Pending.Kind.REPLAY) {
            return;
        }
        finishReplay(c.channels.get(p.target()), page.events());
    }

    /** The replayed lines (messages and files; presence and room changes are not replayed), then what waited. */
    private void finishReplay(IrcChannels.Channel ch, List<ServerEvent.Stored> events) {
        List<List<String>> told = new ArrayList<>();
        long last = -1;
        for (ServerEvent.Stored e : events) {
            switch (e) {
                case ServerEvent.ChatMessage m -> told.add(renderer.message(m));
                case ServerEvent.FileAvailable f -> told.add(renderer.file(f));
                default -> {
                }
            }
            last = Math.max(last, e.seq());
        }
        List<String> lines = new ArrayList<>();
        told.subList(Math.max(0, told.size() - c.ctx.irc().replay()), told.size()).forEach(lines::addAll);
        c.send(lines);
        if (ch == null) {
            return;
        }
        ch.replaying = false;
        for (IrcChannels.Held held : ch.held) {
            if (held.seq() > last) {
                c.send(held.lines());
            }
        }
        ch.held.clear();
    }

    /** RPL_NAMREPLY lines (as many as the names need) and RPL_ENDOFNAMES; online members only. */
    List<String> names(IrcChannels.Channel ch) {
        List<String> lines = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        for (var member : ch.members.entrySet()) {
            if (!Boolean.TRUE.equals(ch.online.get(member.getKey()))) {
                continue;
            }
            String name = (ch.ops.contains(member.getKey()) ? "@" : "") + member.getValue();
            if (b.length() + name.length() > 400) {
                lines.add(namReply(ch, b));
                b.setLength(0);
            }
            b.append(name).append(' ');
        }
        if (!b.isEmpty()) {
            lines.add(namReply(ch, b));
        }
        lines.add(c.numeric(RPL_ENDOFNAMES, ch.name, "End of /NAMES list"));
        return lines;
    }

    private String namReply(IrcChannels.Channel ch, StringBuilder names) {
        return IrcLines.lineTrailing(null, c.ctx.server(), RPL_NAMREPLY, renderer.me(), "=", ch.name,
                names.toString().trim());
    }

    private String whoLine(String channel, String user, boolean op) {
        return IrcLines.lineTrailing(null, c.ctx.server(), RPL_WHOREPLY, renderer.me(), channel, user, IrcLines.HOST,
                c.ctx.server(), user, op ? "H@" : "H", "0 " + user);
    }
}
