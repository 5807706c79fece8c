package io.tcpchat.server.rooms;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The open rooms, folded from room events in seq order: one rule for the gate (which decides
 * with it, ahead of storing) and the live state (which answers and filters with it, after). Two
 * books that start from the same tables and apply the same events agree, room ids included:
 * a created room takes the next id after the highest ever given.
 */
final class RoomBook {

    private final Map<String, Room> open = new HashMap<>();
    private final Map<String, Set<String>> memberships = new HashMap<>();
    private final Duration inviteTtl;
    private int maxId;

    RoomBook(Duration inviteTtl) {
        this.inviteTtl = inviteTtl;
        clear();
    }

    void clear() {
        open.clear();
        memberships.clear();
        maxId = 1;
        open.put(RoomNames.LOBBY, new Room(1, RoomNames.LOBBY));
    }

    /** A room loaded from the tables. */
    void put(Room room) {
        open.put(room.name, room);
        for (String key : room.members.keySet()) {
            memberships.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(room.name);
        }
        maxId = Math.max(maxId, room.id);
    }

    void maxId(int id) {
        maxId = Math.max(maxId, id);
    }

    Room room(String name) {
        return open.get(name);
    }

    Room lobby() {
        return open.get(RoomNames.LOBBY);
    }

    Collection<Room> rooms() {
        return open.values();
    }

    /** The names of the rooms (not #lobby) {@code userKey} is a member of, in joining order. */
    Set<String> roomsOf(String userKey) {
        return memberships.getOrDefault(userKey, Set.of());
    }

    /** The id a room created now would get. */
    int nextId() {
        return maxId + 1;
    }

    /** Applies one stored (or about to be stored) room event; returns the room it changed. */
    Room apply(ServerEvent.RoomEvent event) {
        Room room = open.get(event.room());
        switch (event) {
            case ServerEvent.RoomJoined e -> {
                if (Boolean.TRUE.equals(e.created()) || room == null) {
                    room = new Room(++maxId, e.room());
                    open.put(room.name, room);
                    room.ops.put(key(e.user()), e.user());
                }
                room.members.put(key(e.user()), e.user());
                room.invites.remove(key(e.user()));
                memberships.computeIfAbsent(key(e.user()), k -> new LinkedHashSet<>()).add(room.name);
            }
            case ServerEvent.RoomLeft e -> {
                String k = key(e.user());
                room.members.remove(k);
                Set<String> mine = memberships.get(k);
                if (mine != null) {
                    mine.remove(room.name);
                }
                if (!"part".equals(e.reason())) {
                    room.ops.remove(k); // kicked or banned: op ends too
                }
            }
            case ServerEvent.RoomTopic e -> room.topic = e.topic() == null || e.topic().isEmpty() ? null : e.topic();
            case ServerEvent.RoomMode e -> {
                room.inviteOnly = e.inviteOnly();
                room.topicLock = e.topicLock();
            }
            case ServerEvent.RoomOp e -> {
                if (e.op()) {
                    room.ops.put(key(e.user()), e.user());
                } else {
                    room.ops.remove(key(e.user()));
                }
            }
            case ServerEvent.RoomBan e -> {
                String k = key(e.user());
                if (e.banned()) {
                    room.bans.put(k, new Room.Ban(e.user(), e.by(), e.text()));
                    room.invites.remove(k);
                    room.ops.remove(k);
                } else {
                    room.bans.remove(k);
                }
            }
            case ServerEvent.RoomInvite e -> room.invites.put(key(e.user()),
                    new Room.Invite(e.user(), e.by(), e.ts().plus(inviteTtl)));
            case ServerEvent.RoomClosed e -> {
                open.remove(room.name);
                for (String k : room.members.keySet()) {
                    Set<String> mine = memberships.get(k);
                    if (mine != null) {
                        mine.remove(room.name);
                    }
                }
            }
        }
        return room;
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
