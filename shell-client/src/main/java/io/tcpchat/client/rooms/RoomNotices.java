package io.tcpchat.client.rooms;

import io.tcpchat.protocol.ServerEvent;

/**
 * Room events as one-line notices, in plain words ({@code carol was kicked by alice: off topic});
 * the renderer makes them safe to print and styles them. {@code me} is this client's user, who
 * reads "you" for their own name.
 */
public final class RoomNotices {

    private RoomNotices() {
    }

    public static String text(ServerEvent.RoomEvent event, String me) {
        return switch (event) {
            case ServerEvent.RoomJoined j -> who(j.user(), me) + (Boolean.TRUE.equals(j.created())
                    ? " created " + j.room() : " joined " + j.room());
            case ServerEvent.RoomLeft l -> switch (l.reason() == null ? "part" : l.reason()) {
                case "kick" -> who(l.user(), me) + (isMe(l.user(), me) ? " were" : " was") + " kicked from "
                        + l.room() + " by " + who(l.by(), me) + because(l.text());
                case "ban" -> who(l.user(), me) + (isMe(l.user(), me) ? " were" : " was") + " banned from "
                        + l.room() + " by " + who(l.by(), me) + because(l.text());
                default -> who(l.user(), me) + " left " + l.room() + because(l.text());
            };
            case ServerEvent.RoomTopic t -> t.topic() == null || t.topic().isEmpty()
                    ? who(t.by(), me) + " cleared the topic of " + t.room()
                    : who(t.by(), me) + " set the topic of " + t.room() + ": " + t.topic();
            case ServerEvent.RoomMode m -> who(m.by(), me) + " set " + m.room() + " to "
                    + (m.inviteOnly() ? "invite-only" : "open to all") + ", topic "
                    + (m.topicLock() ? "locked to operators" : "open to members");
            case ServerEvent.RoomOp o -> who(o.by(), me) + (o.op() ? " made " : " took operator from ")
                    + who(o.user(), me) + (o.op() ? " an operator of " : " in ") + o.room();
            case ServerEvent.RoomBan b -> who(b.by(), me) + (b.banned() ? " banned " : " lifted the ban on ")
                    + who(b.user(), me) + (b.banned() ? " from " : " in ") + b.room() + because(b.text());
            case ServerEvent.RoomInvite i -> who(i.by(), me) + " invited " + who(i.user(), me) + " to " + i.room()
                    + (isMe(i.user(), me) ? ": /join " + i.room() : "");
            case ServerEvent.RoomClosed c -> who(c.by(), me) + " closed " + c.room() + because(c.text());
        };
    }

    private static String because(String text) {
        return text == null || text.isBlank() ? "" : ": " + text;
    }

    private static String who(String user, String me) {
        return isMe(user, me) ? "you" : user == null ? "someone" : user;
    }

    private static boolean isMe(String user, String me) {
        return user != null && user.equalsIgnoreCase(me);
    }
}
