package io.tcpchat.server.rooms;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.EventDraft;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The rules of rooms (docs/protocol.md, "Rooms", "Moderation"), applied to a request against
 * the book as it stands after every earlier decision: the events the request becomes, none
 * when it changes nothing, or a refusal with its code. Syntax was checked by the reader.
 * Runs on the event log's store thread only.
 */
final class RoomDecider {

    private static final Instant NO_TS = Instant.EPOCH;

    private final RoomBook book;
    private final RoomSettings settings;
    private final CreationBudget budget;
    private final Predicate<String> isAdminName;

    RoomDecider(RoomBook book, RoomSettings settings, Predicate<String> isAdminName) {
        this.book = book;
        this.settings = settings;
        this.budget = new CreationBudget(settings.createPerHour(), settings.createBurst());
        this.isAdminName = isAdminName;
    }

    /** A message or file to a room: its author must be a member (in #lobby: not banned). */
    int checkPost(String author, String roomName, String ref) throws RequestException {
        if (roomName == null) {
            // every lobby message passes here: no lower-casing unless someone is muted at all
            Map<String, Room.Ban> muted = book.lobby().bans;
            if (!muted.isEmpty() && muted.containsKey(RoomBook.key(author))) {
                throw new RequestException(ErrorCode.BANNED, "you are banned from #lobby: you may read, not post", ref);
            }
            return 0;
        }
        Room room = book.room(roomName);
        if (room == null) {
            throw new RequestException(ErrorCode.NOT_FOUND, roomName + " does not exist", ref);
        }
        if (!room.member(RoomBook.key(author))) {
            throw new RequestException(ErrorCode.FORBIDDEN, "you are not in " + roomName, ref);
        }
        return room.id;
    }

    /** The events {@code r} becomes, each applied to the book as it is decided. */
    List<EventDraft> decide(EventDraft.RoomRequest r, Instant now) throws RequestException {
        List<ServerEvent.RoomEvent> events = events(r, now);
        if (events.isEmpty()) {
            return List.of();
        }
        EventDraft[] drafts = new EventDraft[events.size()];
        for (int i = 0; i < drafts.length; i++) {
            ServerEvent.RoomEvent e = events.get(i);
            Room before = book.room(e.room());
            Room after = book.apply((ServerEvent.RoomEvent) new EventDraft.RoomChange(e, 0).toStored(0, now));
            int id = (before != null ? before : after).id;
            drafts[i] = new EventDraft.RoomChange(e, id == 1 ? 0 : id);
        }
        return List.of(drafts);
    }

    private List<ServerEvent.RoomEvent> events(EventDraft.RoomRequest r, Instant now) throws RequestException {
        String actor = r.actor();
        String me = RoomBook.key(actor);
        ClientEvent.RoomRequest q = r.request();
        String ref = q.ref();
        String name = q.room();
        Room room = book.room(name);
        if (q instanceof ClientEvent.Join) {
            return join(r, room, name, now);
        }
        if (room == null) {
            throw new RequestException(ErrorCode.NOT_FOUND, name + " does not exist", ref);
        }
        boolean admin = r.admin();
        boolean op = admin || room.op(me);
        return switch (q) {
            case ClientEvent.Part p -> {
                if (!room.member(me)) {
                    throw new RequestException(ErrorCode.NOT_FOUND, "you are not in " + name, ref);
                }
                yield List.of(new ServerEvent.RoomLeft(0, NO_TS, name, actor, "part", null, p.text()));
            }
            case ClientEvent.Topic t -> {
                if (room.isLobby() ? !admin : !admin && !room.member(me)) {
                    throw new RequestException(ErrorCode.FORBIDDEN,
                            room.isLobby() ? "only administrators set the topic of #lobby" : "you are not in " + name, ref);
                }
                if (room.topicLock && !op) {
                    throw new RequestException(ErrorCode.FORBIDDEN, "the topic of " + name + " is locked: ask an operator",
                            ref);
                }
                String now0 = room.topic == null ? "" : room.topic;
                yield now0.equals(t.topic()) ? List.of()
                        : List.of(new ServerEvent.RoomTopic(0, NO_TS, name, actor, t.topic()));
            }
            case ClientEvent.Mode m -> {
                requireOp(op, name, ref);
                boolean inviteOnly = m.inviteOnly() != null ? m.inviteOnly() : room.inviteOnly;
                boolean topicLock = m.topicLock() != null ? m.topicLock() : room.topicLock;
                yield inviteOnly == room.inviteOnly && topicLock == room.topicLock ? List.of()
                        : List.of(new ServerEvent.RoomMode(0, NO_TS, name, actor, inviteOnly, topicLock));
            }
            case ClientEvent.Op o -> {
                requireOp(op, name, ref);
                String target = member(room, o.user(), ref);
                yield room.op(RoomBook.key(target)) ? List.of()
                        : List.of(new ServerEvent.RoomOp(0, NO_TS, name, actor, target, true));
            }
            case ClientEvent.Deop o -> {
                requireOp(op, name, ref);
                String target = member(room, o.user(), ref);
                yield !room.op(RoomBook.key(target)) ? List.of()
                        : List.of(new ServerEvent.RoomOp(0, NO_TS, name, actor, target, false));
            }
            case ClientEvent.Kick k -> {
                requireOp(op, name, ref);
                String target = member(room, k.user(), ref);
                notAdmin(target, ref);
                yield List.of(new ServerEvent.RoomLeft(0, NO_TS, name, target, "kick", actor, k.text()));
            }
            case ClientEvent.Ban b -> {
                requireOp(op, name, ref);
                notAdmin(b.user(), ref);
                String k = RoomBook.key(b.user());
                if (room.bans.containsKey(k)) {
                    yield List.of();
                }
                String target = room.members.getOrDefault(k, b.user());
                ServerEvent.RoomEvent ban = new ServerEvent.RoomBan(0, NO_TS, name, actor, target, true, b.text());
                // a member banned leaves at once, in the same batch: they see both
                yield room.member(k) && !room.isLobby()
                        ? List.of(ban, new ServerEvent.RoomLeft(0, NO_TS, name, target, "ban", actor, b.text()))
                        : List.of(ban);
            }
            case ClientEvent.Unban u -> {
                requireOp(op, name, ref);
                Room.Ban ban = room.bans.get(RoomBook.key(u.user()));
                yield ban == null ? List.of()
                        : List.of(new ServerEvent.RoomBan(0, NO_TS, name, actor, ban.user(), false, null));
            }
            case ClientEvent.Invite i -> {
                if (room.inviteOnly ? !op : !admin && !room.member(me)) {
                    throw new RequestException(ErrorCode.FORBIDDEN, room.inviteOnly
                            ? name + " is invite-only: only its operators invite" : "you are not in " + name, ref);
                }
                String k = RoomBook.key(i.user());
                if (room.member(k)) {
                    throw new RequestException(ErrorCode.BAD_REQUEST, i.user() + " is in " + name + " already", ref);
                }
                if (room.bans.containsKey(k)) {
                    throw new RequestException(ErrorCode.BANNED, i.user() + " is banned from " + name, ref);
                }
                yield List.of(new ServerEvent.RoomInvite(0, NO_TS, name, actor, i.user()));
            }
            case ClientEvent.Close c -> {
                if (!admin) {
                    throw new RequestException(ErrorCode.FORBIDDEN, "only administrators close rooms", ref);
                }
                yield List.of(new ServerEvent.RoomClosed(0, NO_TS, name, actor, c.text()));
            }
            case ClientEvent.Members m -> throw new IllegalStateException("members is answered by the reader");
            case ClientEvent.Join j -> throw new IllegalStateException("decided above");
        };
    }

    private List<ServerEvent.RoomEvent> join(EventDraft.RoomRequest r, Room room, String name, Instant now)
            throws RequestException {
        String ref = r.request().ref();
        String me = RoomBook.key(r.actor());
        if (room != null && room.member(me)) {
            return List.of(); // a member already: the answer is the room's state, nothing is stored
        }
        if (book.roomsOf(me).size() >= settings.perUser()) {
            throw new RequestException(ErrorCode.QUOTA_EXCEEDED,
                    "you are in " + settings.perUser() + " rooms, the most a user may be in", ref);
        }
        if (room == null) {
            boolean allowed = switch (settings.create()) {
                case EVERYONE -> true;
                case REGISTERED -> r.registered();
                case ADMINS -> r.admin();
            };
            if (!allowed) {
                throw new RequestException(ErrorCode.FORBIDDEN, name + " does not exist, and "
                        + (settings.create() == ChatProperties.Rooms.Create.ADMINS ? "only administrators"
                        : "only registered users") + " create rooms", ref);
            }
            if (!r.admin() && !budget.tryTake(me, now)) {
                throw new RequestException(ErrorCode.RATE_LIMITED, "you created rooms too fast; try again later", ref);
            }
            return List.of(new ServerEvent.RoomJoined(0, NO_TS, name, r.actor(), true));
        }
        if (!r.admin()) {
            if (room.bans.containsKey(me)) {
                throw new RequestException(ErrorCode.BANNED, "you are banned from " + name, ref);
            }
            if (room.inviteOnly && !room.invited(me, now)) {
                throw new RequestException(ErrorCode.INVITE_ONLY, name + " is invite-only", ref);
            }
            if (settings.membersMax() > 0 && room.members.size() >= settings.membersMax()) {
                throw new RequestException(ErrorCode.ROOM_FULL, name + " has " + settings.membersMax()
                        + " members, the most a room may have", ref);
            }
        }
        return List.of(new ServerEvent.RoomJoined(0, NO_TS, name, r.actor(), null));
    }

    private static void requireOp(boolean op, String room, String ref) throws RequestException {
        if (!op) {
            throw new RequestException(ErrorCode.FORBIDDEN, "only operators of " + room + " do that", ref);
        }
    }

    private static String member(Room room, String user, String ref) throws RequestException {
        String name = room.members.get(RoomBook.key(user));
        if (name == null) {
            throw new RequestException(ErrorCode.NOT_FOUND, user + " is not in " + room.name, ref);
        }
        return name;
    }

    private void notAdmin(String user, String ref) throws RequestException {
        if (isAdminName.test(RoomBook.key(user))) {
            throw new RequestException(ErrorCode.FORBIDDEN, user + " is an administrator", ref);
        }
    }
}
