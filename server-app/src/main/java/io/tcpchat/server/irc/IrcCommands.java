package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.UserNames;

import java.util.Locale;

import static io.tcpchat.server.irc.IrcNumerics.*;
import static io.tcpchat.server.irc.Pending.Kind;

/**
 * The commands of a registered client, on the reader thread: each becomes a CHAT/1 request
 * with a {@code ref}, whose answer {@link IrcRenderer} tells in IRC's terms. Syntax errors are
 * answered here (461, 403, 401, 411, 412, 472, 421); everything else is the server's call.
 */
final class IrcCommands {

    private final IrcConnection c;
    private final IrcModes modes;

    IrcCommands(IrcConnection c) {
        this.c = c;
        this.modes = new IrcModes(c);
    }

    void handle(IrcMessage m) {
        switch (m.command()) {
            case "PRIVMSG" -> text(m, Kind.PRIVMSG);
            case "NOTICE" -> text(m, Kind.NOTICE);
            case "JOIN" -> join(m);
            case "PART" -> part(m);
            case "TOPIC" -> topic(m);
            case "NAMES" -> names(m);
            case "LIST" -> c.request(new ClientEvent.RoomsQuery(null, c.ref(Pending.of(Kind.LIST, null))));
            case "WHO" -> who(m);
            case "WHOIS" -> whois(m);
            case "ISON", "USERHOST" -> online(m);
            case "MODE" -> modes.mode(m);
            case "KICK" -> kick(m);
            case "INVITE" -> invite(m);
            default -> c.sendNow(c.numeric(ERR_UNKNOWNCOMMAND, m.command(), "Unknown command"));
        }
    }

    private void text(IrcMessage m, Kind kind) {
        boolean notice = kind == Kind.NOTICE;
        if (m.arity() < 1 || m.param(0).isEmpty()) {
            if (!notice) { // RFC 2812 §3.3.2: no automatic reply to a NOTICE
                c.sendNow(c.numeric(ERR_NORECIPIENT, "No recipient given (" + m.command() + ")"));
            }
            return;
        }
        String target = m.param(0);
        String text = m.param(1);
        String action = null;
        IrcText.Ctcp ctcp = text == null ? null : IrcText.ctcp(text);
        if (ctcp != null) {
            if (!ctcp.command().equalsIgnoreCase("ACTION")) {
                return; // CTCP VERSION, PING ...: nothing on the CHAT/1 side answers them
            }
            action = "action";
            text = ctcp.text();
        }
        text = text == null ? "" : IrcText.plain(text);
        if (text.isEmpty()) {
            if (!notice) {
                c.sendNow(c.numeric(ERR_NOTEXTTOSEND, "No text to send"));
            }
            return;
        }
        String room = null;
        String to = null;
        if (target.startsWith("#")) {
            if (!RoomNames.isValid(target)) {
                if (!notice) {
                    c.sendNow(c.numeric(ERR_NOSUCHCHANNEL, target, "No such channel"));
                }
                return;
            }
            room = RoomNames.isLobby(target) ? null : RoomNames.fold(target);
        } else if (UserNames.isValid(target)) {
            to = target;
        } else {
            if (!notice) {
                c.sendNow(c.numeric(ERR_NOSUCHNICK, target, "No such nick/channel"));
            }
            return;
        }
        String ref = c.ref(new Pending(kind, target, action, text));
        c.request(new ClientEvent.Send(text, to, room, action, ref));
    }

    private void join(IrcMessage m) {
        if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "JOIN", "Not enough parameters"));
            return;
        }
        for (String name : m.param(0).split(",")) {
            if (name.equals("0")) {
                continue; // "leave all channels": #lobby cannot be left, and rooms are left one by one
            }
            if (!RoomNames.isValid(name)) {
                c.sendNow(c.numeric(name.startsWith("#") ? ERR_NOSUCHCHANNEL : ERR_BADCHANMASK, name,
                        name.startsWith("#") ? RoomNames.RULE : "Bad Channel Mask"));
            } else if (!RoomNames.isLobby(name)) { // #lobby: joined at login, for good
                String room = RoomNames.fold(name);
                c.request(new ClientEvent.Join(room, c.ref(Pending.of(Kind.JOIN, room))));
            }
        }
    }

    private void part(IrcMessage m) {
        if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "PART", "Not enough parameters"));
            return;
        }
        String reason = m.param(1) == null ? null : IrcText.plain(m.param(1));
        for (String name : m.param(0).split(",")) {
            if (!RoomNames.isValid(name)) {
                c.sendNow(c.numeric(ERR_NOSUCHCHANNEL, name, "No such channel"));
            } else if (RoomNames.isLobby(name)) {
                c.sendNow(IrcLines.lineTrailing(null, c.ctx.server(), "NOTICE", c.nick(),
                        "#lobby cannot be left: every user is always in it"));
            } else {
                String room = RoomNames.fold(name);
                c.request(new ClientEvent.Part(room, reason, c.ref(new Pending(Kind.PART, room, null, reason))));
            }
        }
    }

    private void topic(IrcMessage m) {
        String room = channel(m, "TOPIC");
        if (room == null) {
            return;
        }
        if (m.arity() < 2) {
            c.request(new ClientEvent.Members(room, c.ref(Pending.of(Kind.TOPIC_QUERY, room))));
        } else {
            String topic = IrcText.plain(m.param(1));
            c.request(new ClientEvent.Topic(room, topic, c.ref(new Pending(Kind.TOPIC, room, null, topic))));
        }
    }

    private void names(IrcMessage m) {
        String name = m.arity() < 1 ? RoomNames.LOBBY : m.param(0).split(",")[0];
        if (!RoomNames.isValid(name)) {
            c.sendNow(c.numeric(RPL_ENDOFNAMES, name, "End of /NAMES list"));
        } else if (RoomNames.isLobby(name)) {
            c.request(new ClientEvent.Who(c.ref(Pending.of(Kind.NAMES, RoomNames.LOBBY))));
        } else {
            String room = RoomNames.fold(name);
            c.request(new ClientEvent.Members(room, c.ref(Pending.of(Kind.NAMES, room))));
        }
    }

    private void who(IrcMessage m) {
        String mask = m.arity() < 1 ? RoomNames.LOBBY : m.param(0);
        if (mask.startsWith("#") && RoomNames.isValid(mask) && !RoomNames.isLobby(mask)) {
            String room = RoomNames.fold(mask);
            c.request(new ClientEvent.Members(room, c.ref(Pending.of(Kind.WHO, room))));
        } else {
            c.request(new ClientEvent.Who(c.ref(Pending.of(Kind.WHO,
                    RoomNames.isLobby(mask) || mask.equals("*") || mask.equals("0") ? RoomNames.LOBBY : mask))));
        }
    }

    private void whois(IrcMessage m) {
        if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NONICKNAMEGIVEN, "No nickname given"));
            return;
        }
        String nick = m.param(m.arity() - 1); // WHOIS [server] nick
        c.request(new ClientEvent.Who(c.ref(Pending.of(Kind.WHOIS, nick))));
    }

    /** ISON and USERHOST (RFC 2812 §4.9, §4.8): which of these nicks are online, from {@code who}. */
    private void online(IrcMessage m) {
        if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, m.command(), "Not enough parameters"));
            return;
        }
        String nicks = String.join(" ", m.params()).trim();
        Kind kind = m.command().equals("ISON") ? Kind.ISON : Kind.USERHOST;
        c.request(new ClientEvent.Who(c.ref(new Pending(kind, null, nicks, null))));
    }

    private void kick(IrcMessage m) {
        String room = channel(m, "KICK");
        if (room == null) {
            return;
        }
        if (m.arity() < 2) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "KICK", "Not enough parameters"));
            return;
        }
        String reason = m.param(2) == null ? null : IrcText.plain(m.param(2));
        for (String nick : m.param(1).split(",")) {
            c.request(new ClientEvent.Kick(room, nick, reason, c.ref(new Pending(Kind.KICK, room, nick, reason))));
        }
    }

    private void invite(IrcMessage m) {
        if (m.arity() < 2) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "INVITE", "Not enough parameters"));
            return;
        }
        String nick = m.param(0);
        String name = m.param(1);
        if (!RoomNames.isValid(name)) {
            c.sendNow(c.numeric(ERR_NOSUCHCHANNEL, name, "No such channel"));
            return;
        }
        String room = RoomNames.fold(name);
        c.request(new ClientEvent.Invite(room, nick, c.ref(new Pending(Kind.INVITE, room, nick, null))));
    }

    /** The room a channel command names (first param), or null once the error is answered. */
    private String channel(IrcMessage m, String command) {
        if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, command, "Not enough parameters"));
            return null;
        }
        String name = m.param(0);
        if (!RoomNames.isValid(name)) {
            c.sendNow(c.numeric(ERR_NOSUCHCHANNEL, name, "No such channel"));
            return null;
        }
        return RoomNames.fold(name).toLowerCase(Locale.ROOT);
    }
}
