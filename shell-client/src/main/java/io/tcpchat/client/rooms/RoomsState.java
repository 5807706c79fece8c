package io.tcpchat.client.rooms;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the client knows of rooms (docs/design/rooms.md §5): whether the server has them, the
 * rooms this user is in (the order they were joined in, {@code #lobby} first), the current
 * one that plain lines go to, and for every other room the lines not seen yet (the last
 * {@value #KEEP}) and how many messages those were. Also the members seen per room and the
 * last {@code rooms} list, for completion. Pure and thread-safe: fed by the connection's
 * reader thread, read by the prompt and the commands.
 */
public final class RoomsState {

    /** Unseen lines kept per room; older ones are counted, and {@code /history} fetches them. */
    public static final int KEEP = 200;

    /** A room of this user, with what was missed there. */
    public record Unread(String room, int count) {
    }

    /** The lines a switch shows: those kept, and how many older ones were not kept. */
    public record Unseen(String room, List<ServerEvent.Stored> events, int dropped) {
    }

    private static final class Room {
        final Deque<ServerEvent.Stored> unseen = new ArrayDeque<>();
        int unread;
        int dropped;
    }

    private boolean enabled;
    private String current = RoomNames.LOBBY;
    private final Map<String, Room> mine = new LinkedHashMap<>();
    private final Map<String, Set<String>> members = new TreeMap<>();
    private final Set<String> listed = new TreeSet<>();

    public RoomsState() {
        mine.put(RoomNames.LOBBY, new Room());
    }

    /** A {@code welcome}: the server has rooms or not, and which this user is in. */
    public synchronized void welcome(ServerEvent.Welcome welcome) {
        enabled = welcome.has(RoomNames.FEATURE);
        List<String> rooms = new ArrayList<>();
        rooms.add(RoomNames.LOBBY);
        if (enabled && welcome.rooms() != null) {
            welcome.rooms().stream().map(RoomsState::fold).filter(r -> r != null && !rooms.contains(r))
                    .forEach(rooms::add);
        }
        mine.keySet().retainAll(rooms); // what was unread in the rooms still ours stays unread
        rooms.forEach(r -> mine.computeIfAbsent(r, k -> new Room()));
        if (!mine.containsKey(current)) {
            current = RoomNames.LOBBY;
        }
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    public synchronized String current() {
        return current;
    }

    /** The current room as the wire has it: {@code null} for {@code #lobby}, its absence. */
    public synchronized String wireRoom() {
        return enabled && !RoomNames.isLobby(current) ? current : null;
    }

    public synchronized boolean isMember(String room) {
        return mine.containsKey(fold(room));
    }

    /** The user's rooms in the order they were joined, {@code #lobby} first. */
    public synchronized List<String> mine() {
        return List.copyOf(mine.keySet());
    }

    /** Each of the user's rooms with its unread count. */
    public synchronized List<Unread> unread() {
        List<Unread> list = new ArrayList<>();
        mine.forEach((name, room) -> list.add(new Unread(name, room.unread)));
        return list;
    }

    /**
     * For the prompt: {@code "#dev [#ops 3, #lobby 12]"}, the current room and the others with
     * something unread; {@code ""} while the user is in {@code #lobby} only (as a client without
     * rooms would show it).
     */
    public synchronized String label() {
        if (!enabled || mine.size() < 2 && RoomNames.isLobby(current)) {
            return "";
        }
        StringBuilder others = new StringBuilder();
        mine.forEach((name, room) -> {
            if (!name.equals(current) && room.unread > 0) {
                others.append(others.isEmpty() ? "" : ", ").append(name).append(' ').append(room.unread);
            }
        });
        return current + (others.isEmpty() ? "" : " [" + others + "]");
    }

    /**
     * The room an event belongs to: {@code #lobby} for a lobby message or file, the room of a
     * room event, {@code null} for what belongs to no room (direct messages, presence).
     */
    public static String roomOf(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.to() != null ? null : m.room() == null ? RoomNames.LOBBY : fold(m.room());
            case ServerEvent.FileAvailable f -> f.to() != null ? null : f.room() == null ? RoomNames.LOBBY
                    : fold(f.room());
            case ServerEvent.RoomEvent r -> fold(r.room());
            default -> null;
        };
    }

    /**
     * An event arrived. {@code true}: show it now (it is of the current room, or of none);
     * {@code false}: it is kept as unseen in its room, and a message or file counts as unread.
     */
    public synchronized boolean arrive(ServerEvent.Stored event) {
        String room = roomOf(event);
        if (!enabled || room == null || room.equals(current) || !mine.containsKey(room)) {
            return true;
        }
        Room r = mine.get(room);
        r.unseen.addLast(event);
        if (r.unseen.size() > KEEP) {
            r.unseen.removeFirst();
            r.dropped++;
        }
        if (event instanceof ServerEvent.ChatMessage || event instanceof ServerEvent.FileAvailable) {
            r.unread++;
        }
        return false;
    }

    /** Makes {@code room} (one of the user's) current; returns what was not seen there. */
    public synchronized Unseen switchTo(String room) {
        String name = fold(room);
        Room r = name == null ? null : mine.get(name);
        if (r == null) {
            throw new IllegalArgumentException("not one of your rooms: " + room);
        }
        current = name;
        Unseen unseen = new Unseen(name, List.copyOf(r.unseen), r.dropped);
        r.unseen.clear();
        r.unread = 0;
        r.dropped = 0;
        return unseen;
    }

    /** The room after (or before, {@code step} −1) the current one, round the list. */
    public synchronized String neighbour(int step) {
        List<String> rooms = List.copyOf(mine.keySet());
        int at = rooms.indexOf(current);
        return rooms.get(Math.floorMod(at + step, rooms.size()));
    }

    /** The {@code n}th room (1-based, the order of {@link #mine()}), or {@code null}. */
    public synchronized String numbered(int n) {
        List<String> rooms = List.copyOf(mine.keySet());
        return n >= 1 && n <= rooms.size() ? rooms.get(n - 1) : null;
    }

    /** This user is in {@code room} now (a {@code join} answered, or its {@code room.joined} seen). */
    public synchronized void joined(String room, Collection<ServerEvent.Member> list) {
        String name = fold(room);
        if (name == null) {
            return;
        }
        mine.computeIfAbsent(name, k -> new Room());
        if (list != null) {
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            list.forEach(m -> names.add(m.user()));
            members.put(name, names);
        }
    }

    /** This user is no longer in {@code room}; the current room falls back to {@code #lobby}. */
    public synchronized void left(String room) {
        String name = fold(room);
        if (name == null || RoomNames.isLobby(name)) {
            return;
        }
        mine.remove(name);
        members.remove(name);
        if (name.equals(current)) {
            current = RoomNames.LOBBY;
        }
    }

    /** Keeps member lists current from room events; {@code me} is this user. */
    public synchronized void apply(ServerEvent.RoomEvent event, String me) {
        String room = fold(event.room());
        switch (event) {
            case ServerEvent.RoomJoined j -> {
                if (j.user().equalsIgnoreCase(me)) {
                    joined(room, null);
                }
                Set<String> names = members.get(room);
                if (names != null) {
                    names.add(j.user());
                }
            }
            case ServerEvent.RoomLeft l -> {
                if (l.user().equalsIgnoreCase(me)) {
                    left(room);
                } else if (members.containsKey(room)) {
                    members.get(room).remove(l.user());
                }
            }
            case ServerEvent.RoomClosed c -> left(room);
            default -> {
                // topic, mode, op, ban, invite change no membership
            }
        }
    }

    /** The members of a room as last seen ({@code room.state} and room events), or none. */
    public synchronized List<String> members(String room) {
        Set<String> names = members.get(fold(room));
        return names == null ? List.of() : List.copyOf(names);
    }

    public synchronized void members(String room, Collection<ServerEvent.Member> list) {
        String name = fold(room);
        if (name != null && list != null) {
            Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            list.forEach(m -> names.add(m.user()));
            members.put(name, names);
        }
    }

    /** A {@code rooms} answer: its names complete {@code /join}. */
    public synchronized void listed(Collection<ServerEvent.RoomInfo> rooms) {
        rooms.stream().map(r -> fold(r.room())).filter(java.util.Objects::nonNull).forEach(listed::add);
    }

    /** Names for completing {@code /join}: the last {@code /rooms} list and the user's rooms. */
    public synchronized List<String> known() {
        Set<String> all = new TreeSet<>(listed);
        all.addAll(mine.keySet());
        return List.copyOf(all);
    }

    private static String fold(String room) {
        return room == null ? null : RoomNames.fold(room.strip().toLowerCase(Locale.ROOT));
    }
}
