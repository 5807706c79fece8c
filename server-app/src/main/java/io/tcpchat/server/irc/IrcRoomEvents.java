package io.tcpchat.server.irc;

import io.tcpchat.protocol.ServerEvent;

import java.util.List;

/**
 * The rooms extension's stored events as IRC sees them (RFC 2812 §3.2): {@code room.joined}
 * is JOIN, {@code room.left} PART or KICK (a ban is a KICK after its MODE +b),
 * {@code room.topic} TOPIC, {@code room.mode} MODE +i/+t, {@code room.op} MODE +o,
 * {@code room.ban} MODE +b {@code nick!*@*}, {@code room.invite} INVITE (to the invitee; a
 * NOTICE to the members), {@code room.closed} a KICK of everyone. The live stream never
 * carries one's own actions: their acks are told by {@link IrcAnswers}. Writer thread.
 */
final class IrcRoomEvents {

    private final IrcConnection c;
    private final IrcRenderer renderer;

    IrcRoomEvents(IrcConnection c, IrcRenderer renderer) {
        this.c = c;
        this.renderer = renderer;
    }

    void render(ServerEvent.RoomEvent event) {
        IrcChannels.Channel ch = c.channels.get(event.room());
        String me = renderer.me();
        String tags = renderer.tags(event.ts(), event.seq());
        switch (event) {
            case ServerEvent.RoomInvite i -> {
                if (i.user().equalsIgnoreCase(me)) {
                    c.send(IrcLines.line(tags, IrcLines.mask(i.by()), "INVITE", me, i.room()));
                } else if (ch != null) {
                    send(ch, event, IrcLines.lineTrailing(tags, c.ctx.server(), "NOTICE", i.room(),
                            i.by() + " invited " + i.user() + " into the channel"));
                }
                return;
            }
            default -> {
            }
        }
        if (ch == null) {
            return; // a room this client was not told it is in (a replayed event of an old span)
        }
        switch (event) {
            case ServerEvent.RoomJoined j -> {
                if (!j.user().equalsIgnoreCase(me)) {
                    ch.member(j.user(), true, Boolean.TRUE.equals(j.created()));
                    send(ch, event, IrcLines.line(tags, IrcLines.mask(j.user()), "JOIN", j.room()));
                }
            }
            case ServerEvent.RoomLeft l -> left(ch, l, tags, me);
            case ServerEvent.RoomTopic t -> {
                ch.topic = t.topic();
                send(ch, event, IrcLines.lineTrailing(tags, IrcLines.mask(t.by()), "TOPIC", t.room(), t.topic()));
            }
            case ServerEvent.RoomMode m -> {
                String change = (m.inviteOnly() != ch.inviteOnly ? (m.inviteOnly() ? "+i" : "-i") : "")
                        + (m.topicLock() != ch.topicLock ? (m.topicLock() ? "+t" : "-t") : "");
                ch.inviteOnly = m.inviteOnly();
                ch.topicLock = m.topicLock();
                if (!change.isEmpty()) {
                    send(ch, event, IrcLines.line(tags, IrcLines.mask(m.by()), "MODE", m.room(), change));
                }
            }
            case ServerEvent.RoomOp o -> {
                applyMode(ch, o.op() ? "+o" : "-o", o.user());
                send(ch, event, IrcLines.line(tags, IrcLines.mask(o.by()), "MODE", o.room(), o.op() ? "+o" : "-o",
                        o.user()));
            }
            case ServerEvent.RoomBan b -> send(ch, event, IrcLines.line(tags, IrcLines.mask(b.by()), "MODE", b.room(),
                    b.banned() ? "+b" : "-b", b.user() + "!*@*"));
            case ServerEvent.RoomClosed x -> {
                c.channels.remove(x.room());
                c.send(IrcLines.lineTrailing(tags, IrcLines.mask(x.by()), "KICK", x.room(), me,
                        "room closed" + (x.text() == null ? "" : ": " + x.text())));
            }
            case ServerEvent.RoomInvite i -> {
            }
        }
    }

    private void left(IrcChannels.Channel ch, ServerEvent.RoomLeft l, String tags, String me) {
        boolean self = l.user().equalsIgnoreCase(me);
        String line = "part".equals(l.reason()) || l.by() == null
                ? (l.text() == null ? IrcLines.lineTrailing(tags, IrcLines.mask(l.user()), "PART", l.room())
                        : IrcLines.lineTrailing(tags, IrcLines.mask(l.user()), "PART", l.room(), l.text()))
                : IrcLines.line(tags, IrcLines.mask(l.by()), "KICK", l.room(), l.user(),
                        l.text() == null ? l.reason() : l.text());
        if (self) {
            c.channels.remove(l.room()); // kicked or banned by someone else
            c.send(line);
        } else {
            ch.removeMember(l.user());
            send(ch, l, line);
        }
    }

    private void send(IrcChannels.Channel ch, ServerEvent.RoomEvent event, String line) {
        renderer.live(ch.name, event.seq(), List.of(line));
    }

    /** Applies an acknowledged {@code +o}/{@code -o}/{@code +i}/{@code -t}... to what the gateway knows. */
    static void applyMode(IrcChannels.Channel ch, String change, String nick) {
        if (ch == null || change == null) {
            return;
        }
        boolean add = true;
        for (char m : change.toCharArray()) {
            switch (m) {
                case '+' -> add = true;
                case '-' -> add = false;
                case 'i' -> ch.inviteOnly = add;
                case 't' -> ch.topicLock = add;
                case 'o' -> {
                    if (nick != null && add) {
                        ch.ops.add(IrcChannels.fold(nick));
                    } else if (nick != null) {
                        ch.ops.remove(IrcChannels.fold(nick));
                    }
                }
                default -> {
                }
            }
        }
    }
}
