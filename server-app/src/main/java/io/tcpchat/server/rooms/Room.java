package io.tcpchat.server.rooms;

import io.tcpchat.protocol.RoomNames;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One open room's state, as its events leave it: a fold kept by {@link RoomBook}. Maps are keyed
 * by lower-case user name and hold the name as its owner spells it. Not thread-safe: each
 * book belongs to one thread.
 */
final class Room {

    record Ban(String user, String by, String text) {
    }

    record Invite(String user, String by, Instant expiresAt) {
    }

    final int id;
    final String name;
    String topic;
    boolean inviteOnly;
    boolean topicLock = true;
    final Map<String, String> members = new LinkedHashMap<>();
    final Map<String, String> ops = new LinkedHashMap<>();
    final Map<String, Ban> bans = new LinkedHashMap<>();
    final Map<String, Invite> invites = new LinkedHashMap<>();
    /** Members online now: kept by the live book only. */
    int online;

    Room(int id, String name) {
        this.id = id;
        this.name = name;
    }

    boolean isLobby() {
        return RoomNames.LOBBY.equals(name);
    }

    boolean member(String key) {
        return members.containsKey(key);
    }

    boolean op(String key) {
        return ops.containsKey(key);
    }

    boolean invited(String key, Instant now) {
        Invite i = invites.get(key);
        return i != null && i.expiresAt().isAfter(now);
    }
}
