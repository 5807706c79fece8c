package io.tcpchat.server.rooms;

import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.LoadedAt;
import io.tcpchat.server.session.Outbox;
import io.tcpchat.server.session.RoomMemberships;
import io.tcpchat.server.session.RoomView;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;

import java.util.ArrayList;
import java.util.List;

/**
 * The rooms as the published events leave them: who is in which room at which live-log index.
 * The publisher applies each event as it appends it to the live log, and moves the views of the
 * members concerned ({@link RoomView}: which rooms' entries each connection's writer copies);
 * logins, {@code members} and {@code rooms} read it. Everything here runs under the event log's
 * fan-out lock, so one thread at a time.
 */
public final class LiveRooms implements RoomMemberships, LoadedAt {

    private final RoomBook book;
    private final SessionRegistry registry;
    private final boolean enabled;
    /** The book was loaded with the room events up to this seq applied: they are not applied again. */
    private final long loadedAt;

    LiveRooms(RoomBook book, SessionRegistry registry, boolean enabled, long loadedAt) {
        this.book = book;
        this.registry = registry;
        this.enabled = enabled;
        this.loadedAt = loadedAt;
    }

    @Override
    public long loadedAt() {
        return loadedAt;
    }

    RoomBook book() {
        return book;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public List<String> roomsOf(String user) {
        List<String> rooms = new ArrayList<>();
        rooms.add(RoomNames.LOBBY);
        rooms.addAll(book.roomsOf(RoomBook.key(user)));
        return rooms;
    }

    @Override
    public RoomView viewAt(String user, long head) {
        RoomView view = RoomView.EMPTY;
        for (String name : book.roomsOf(RoomBook.key(user))) {
            view = view.joined(book.room(name).id, head, head);
        }
        return view;
    }

    /**
     * Applies a published event that gets live-log index {@code index}; returns the room id its
     * entry carries (0: #lobby, direct, presence; -1: a room that no longer exists, seen by no one).
     */
    public int apply(ServerEvent.Stored event, long index) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> idOf(m.room());
            case ServerEvent.FileAvailable f -> idOf(f.room());
            case ServerEvent.Joined j -> {
                online(j.user(), 1);
                yield 0;
            }
            case ServerEvent.Left l -> {
                online(l.user(), -1);
                yield 0;
            }
            case ServerEvent.RoomEvent e when e.seq() <= loadedAt -> idOf(e.room()); // in the book already (a cluster's tail)
            case ServerEvent.RoomEvent e -> applyRoom(e, index);
        };
    }

    private int idOf(String room) {
        if (room == null) {
            return 0;
        }
        Room r = book.room(room);
        return r == null ? -1 : r.id;
    }

    private int applyRoom(ServerEvent.RoomEvent event, long index) {
        if (RoomNames.isLobby(event.room())) {
            book.apply(event);
            return 0;
        }
        Room room = book.apply(event);
        switch (event) {
            case ServerEvent.RoomJoined j -> {
                Session s = registry.online(j.user());
                if (s != null) {
                    room.online++;
                    Outbox o = roomsAware(s);
                    if (o != null) {
                        o.view(o.view().joined(room.id, index, o.cursor()));
                    }
                }
            }
            case ServerEvent.RoomLeft l -> leave(room, l.user(), index);
            case ServerEvent.RoomClosed c -> {
                for (String member : room.members.values()) {
                    leave(room, member, index);
                }
            }
            default -> {
            }
        }
        return room.id;
    }

    private void leave(Room room, String user, long index) {
        Session s = registry.online(user);
        if (s != null) {
            room.online = Math.max(0, room.online - 1);
            Outbox o = roomsAware(s);
            if (o != null) {
                o.view(o.view().left(room.id, index, o.cursor()));
            }
        }
    }

    /** The outbox of a rooms-aware session following the log, else {@code null}. */
    private static Outbox roomsAware(Session s) {
        return s.roomsAware() && s.outbox().view() != null ? s.outbox() : null;
    }

    private void online(String user, int delta) {
        for (String name : book.roomsOf(RoomBook.key(user))) {
            Room r = book.room(name);
            r.online = Math.max(0, r.online + delta);
        }
    }

    /** Live deliveries of an entry of room {@code id} by {@code author}: its members online but the author. */
    public long deliveries(String roomName, String author) {
        Room r = book.room(roomName);
        if (r == null) {
            return 0;
        }
        return Math.max(0, r.online - (r.member(RoomBook.key(author)) && registry.online(author) != null ? 1 : 0));
    }
}
