package io.tcpchat.server.irc;

import io.tcpchat.protocol.ServerEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The channels an IRC client has been told it is in, with what the gateway knows of each
 * (members and ops from {@code room.state} and {@code room.*} events, the modes, whether its
 * replay is still on its way). Only the connection's writer thread touches it (one writer per
 * outbox; a new session's writer starts after the old one's last write).
 */
final class IrcChannels {

    /** Lines of a live event with its seq, so that a replay that already had it skips them. */
    record Held(long seq, List<String> lines) {
    }

    static final class Channel {
        final String name;
        /** Members by folded name: their name as written, online or not (rooms only). */
        final Map<String, String> members = new LinkedHashMap<>();
        final Map<String, Boolean> online = new LinkedHashMap<>();
        final java.util.Set<String> ops = new java.util.HashSet<>();
        /** Live lines for this channel that came while its replay was on its way. */
        final List<Held> held = new ArrayList<>();
        boolean replaying;
        /** The topic was told (at JOIN, or with the first names after a login). */
        boolean topicShown;
        boolean inviteOnly;
        boolean topicLock;
        String topic;

        Channel(String name) {
            this.name = name;
        }

        void state(ServerEvent.RoomState s) {
            inviteOnly = s.inviteOnly();
            topicLock = s.topicLock();
            topic = s.topic();
            members.clear();
            online.clear();
            ops.clear();
            if (s.members() != null) {
                for (ServerEvent.Member m : s.members()) {
                    member(m.user(), m.online(), m.op());
                }
            }
        }

        void member(String user, boolean isOnline, boolean op) {
            String key = fold(user);
            members.put(key, user);
            online.put(key, isOnline);
            if (op) {
                ops.add(key);
            } else {
                ops.remove(key);
            }
        }

        void removeMember(String user) {
            String key = fold(user);
            members.remove(key);
            online.remove(key);
            ops.remove(key);
        }

        boolean has(String user) {
            return members.containsKey(fold(user));
        }

        boolean op(String user) {
            return ops.contains(fold(user));
        }
    }

    private final Map<String, Channel> joined = new LinkedHashMap<>();

    Channel get(String room) {
        return joined.get(room);
    }

    Channel add(String room) {
        return joined.computeIfAbsent(room, Channel::new);
    }

    Channel remove(String room) {
        return joined.remove(room);
    }

    Collection<Channel> all() {
        return List.copyOf(joined.values());
    }

    static String fold(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
