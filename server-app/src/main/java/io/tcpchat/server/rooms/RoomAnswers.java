package io.tcpchat.server.rooms;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.session.SessionRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code room.state} and {@code rooms}, read from the live rooms: call under the event log's
 * fan-out lock. Lists are bounded: a room has at most {@code members-max} members; #lobby's
 * members (everyone online) are cut at {@link #LOBBY_MEMBERS} ({@code who} counts them all).
 */
final class RoomAnswers {

    static final int LOBBY_MEMBERS = 1000;
    static final int ROOMS_PAGE = 200;

    private final RoomBook book;
    private final SessionRegistry registry;

    RoomAnswers(RoomBook book, SessionRegistry registry) {
        this.book = book;
        this.registry = registry;
    }

    /** The state of an open room for {@code viewer}, or {@code null} if there is none of that name. */
    ServerEvent.RoomState state(String name, String viewer, boolean admin, String ref, Long seq, Boolean created) {
        Room room = book.room(name);
        if (room == null) {
            return null;
        }
        List<ServerEvent.Member> members = new ArrayList<>();
        if (room.isLobby()) {
            for (String user : registry.onlineNames()) {
                if (members.size() == LOBBY_MEMBERS) {
                    break;
                }
                members.add(new ServerEvent.Member(user, false, true));
            }
        } else {
            java.util.function.Predicate<String> online = registry.onlineTest(); // every replica's, in a cluster
            for (String user : room.members.values()) {
                members.add(new ServerEvent.Member(user, room.op(RoomBook.key(user)), online.test(user)));
            }
        }
        boolean moderator = admin || room.op(RoomBook.key(viewer));
        List<ServerEvent.BanEntry> bans = null;
        List<ServerEvent.InviteEntry> invites = null;
        if (moderator) {
            bans = room.bans.values().stream().map(b -> new ServerEvent.BanEntry(b.user(), b.by(), b.text())).toList();
            java.time.Instant now = java.time.Instant.now();
            invites = room.invites.values().stream().filter(i -> i.expiresAt().isAfter(now))
                    .map(i -> new ServerEvent.InviteEntry(i.user(), i.by())).toList();
        }
        return new ServerEvent.RoomState(ref, room.name, seq, created, room.topic, room.inviteOnly, room.topicLock,
                members, bans, invites);
    }

    /** Whether {@code viewer} may list the members of {@code name}: any room but an invite-only one they are not in. */
    boolean mayList(String name, String viewer, boolean admin) {
        Room room = book.room(name);
        return room == null || !room.inviteOnly || admin || room.member(RoomBook.key(viewer));
    }

    boolean isMember(String name, String user) {
        Room room = book.room(name);
        return room != null && (room.isLobby() || room.member(RoomBook.key(user)));
    }

    boolean exists(String name) {
        return book.room(name) != null;
    }

    ServerEvent.RoomList list(String after, String viewer, String ref) {
        String me = RoomBook.key(viewer);
        List<Room> rooms = book.rooms().stream()
                .filter(r -> after == null || r.name.compareTo(after) > 0)
                .sorted(Comparator.comparing((Room r) -> r.name))
                .limit(ROOMS_PAGE + 1)
                .toList();
        boolean more = rooms.size() > ROOMS_PAGE;
        List<ServerEvent.RoomInfo> infos = new ArrayList<>();
        for (Room r : rooms.subList(0, Math.min(ROOMS_PAGE, rooms.size()))) {
            boolean member = r.isLobby() || r.member(me);
            int count = r.isLobby() ? registry.onlineCount() : r.members.size();
            // an invite-only room's topic is for its members
            String topic = r.inviteOnly && !member ? null : r.topic;
            infos.add(new ServerEvent.RoomInfo(r.name, count, topic, r.inviteOnly, member));
        }
        return new ServerEvent.RoomList(infos, more, ref);
    }

    static boolean isLobby(String name) {
        return RoomNames.isLobby(name);
    }
}
