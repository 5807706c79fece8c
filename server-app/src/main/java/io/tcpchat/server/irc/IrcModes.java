package io.tcpchat.server.irc;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.RoomNames;

import static io.tcpchat.server.irc.IrcNumerics.*;
import static io.tcpchat.server.irc.Pending.Kind;

/**
 * {@code MODE} (RFC 2811 §4, RFC 2812 §3.1.5 and §3.2.3) on the reader thread. A room has the
 * flags {@code +i} (invite-only) and {@code +t} (topic lock), the list {@code +b} (bans, by
 * name: the nick of a {@code nick!user@host} mask) and the member mode {@code +o}. Each change
 * becomes its CHAT/1 request ({@code mode}, {@code op}/{@code deop}, {@code ban}/{@code unban}).
 * User modes: none; {@code +i} is accepted and means nothing, as every user is listed anyway.
 */
final class IrcModes {

    private final IrcConnection c;

    IrcModes(IrcConnection c) {
        this.c = c;
    }

    void mode(IrcMessage m) {
        if (m.arity() < 1) {
            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "MODE", "Not enough parameters"));
            return;
        }
        String target = m.param(0);
        if (!target.startsWith("#")) {
            userMode(m, target);
            return;
        }
        if (!RoomNames.isValid(target)) {
            c.sendNow(c.numeric(ERR_NOSUCHCHANNEL, target, "No such channel"));
            return;
        }
        String room = RoomNames.fold(target);
        String changes = m.param(1);
        if (changes == null) {
            c.request(new ClientEvent.Members(room, c.ref(Pending.of(Kind.MODE_QUERY, room))));
            return;
        }
        boolean add = true;
        Boolean inviteOnly = null;
        Boolean topicLock = null;
        int arg = 2;
        for (char ch : changes.toCharArray()) {
            switch (ch) {
                case '+' -> add = true;
                case '-' -> add = false;
                case 'i' -> inviteOnly = add;
                case 't' -> topicLock = add;
                case 'o', 'b' -> {
                    String who = m.param(arg++);
                    if (who == null) {
                        if (ch == 'b') {
                            c.request(new ClientEvent.Members(room, c.ref(Pending.of(Kind.BAN_LIST, room))));
                        } else {
                            c.sendNow(c.numeric(ERR_NEEDMOREPARAMS, "MODE", "Not enough parameters"));
                        }
                        continue;
                    }
                    member(room, ch, add, nickOf(who));
                }
                default -> c.sendNow(c.numeric(ERR_UNKNOWNMODE, String.valueOf(ch), "is unknown mode char to me"));
            }
        }
        if (inviteOnly != null || topicLock != null) {
            String flags = (inviteOnly == null ? "" : (inviteOnly ? "+i" : "-i"))
                    + (topicLock == null ? "" : (topicLock ? "+t" : "-t"));
            c.request(new ClientEvent.Mode(room, inviteOnly, topicLock,
                    c.ref(new Pending(Kind.MODE, room, flags, null))));
        }
    }

    private void member(String room, char mode, boolean add, String nick) {
        String change = (add ? "+" : "-") + mode;
        String ref = c.ref(new Pending(Kind.MODE, room, change, nick));
        c.request(switch (mode) {
            case 'o' -> add ? new ClientEvent.Op(room, nick, ref) : new ClientEvent.Deop(room, nick, ref);
            default -> add ? new ClientEvent.Ban(room, nick, null, ref) : new ClientEvent.Unban(room, nick, ref);
        });
    }

    private void userMode(IrcMessage m, String target) {
        if (!target.equalsIgnoreCase(c.nick())) {
            c.sendNow(c.numeric(ERR_USERSDONTMATCH, "Cant change mode for other users"));
        } else if (m.param(1) == null || m.param(1).replaceAll("[+\\-i]", "").isEmpty()) {
            c.sendNow(c.numeric(RPL_UMODEIS, "+"));
        } else {
            c.sendNow(c.numeric(ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag"));
        }
    }

    /** Bans are by name: {@code nick!user@host} and {@code nick!*@*} both mean {@code nick}. */
    static String nickOf(String mask) {
        int bang = mask.indexOf('!');
        return bang < 0 ? mask : mask.substring(0, bang);
    }
}
