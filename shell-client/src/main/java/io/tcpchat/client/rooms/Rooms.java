package io.tcpchat.client.rooms;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.RoomNames;
import io.tcpchat.protocol.ServerEvent;

import java.util.function.Function;

/**
 * The room requests of docs/design/rooms.md §1.4, one call each, checked here first (a room
 * name, a server that has rooms) so that the user gets plain words before anything is sent.
 * The answers update {@link RoomsState}.
 */
public final class Rooms {

    /** The way to the server. */
    public interface Server {

        /** Connects first where that is the way (one-shot use); fails when offline. */
        void online() throws ChatException;

        /** Sends a request, waits for its answer (an error is thrown). */
        ServerEvent request(Function<String, ClientEvent> event) throws ChatException;
    }

    public static final String NO_ROOMS = "This server has no rooms.";

    private final RoomsState state;
    private final Server server;

    public Rooms(RoomsState state, Server server) {
        this.state = state;
        this.server = server;
    }

    public RoomsState state() {
        return state;
    }

    /** A room name as typed ({@code dev} or {@code #Dev}) in its one form, or a usage error. */
    public static String name(String typed) throws ChatException {
        if (typed == null || typed.isBlank()) {
            throw ChatException.usage("Which room? Give its name, as #dev.");
        }
        String t = typed.strip();
        String folded = RoomNames.fold(t.startsWith("#") ? t : "#" + t);
        if (folded == null) {
            throw ChatException.usage("'" + t + "' is no room name: " + RoomNames.RULE + ".");
        }
        return folded;
    }

    /** The room named, or the current one when none is. */
    public String roomOrCurrent(String typed) throws ChatException {
        return typed == null || typed.isBlank() ? state.current() : name(typed);
    }

    /** Joins (creating it if the server allows) and makes it current. */
    public ServerEvent.RoomState join(String room) throws ChatException {
        String name = name(room);
        ServerEvent.RoomState answer = (ServerEvent.RoomState) request(ref -> new ClientEvent.Join(name, ref));
        state.joined(answer.room() == null ? name : answer.room(), answer.members());
        return answer;
    }

    public void part(String room, String text) throws ChatException {
        String name = name(room);
        if (RoomNames.isLobby(name)) {
            throw ChatException.usage("Everyone stays in " + RoomNames.LOBBY + ": it cannot be left.");
        }
        request(ref -> new ClientEvent.Part(name, blankToNull(text), ref));
        state.left(name);
    }

    public ServerEvent.RoomList list(String after) throws ChatException {
        String from = blankToNull(after) == null ? null : name(after);
        ServerEvent.RoomList answer = (ServerEvent.RoomList) request(ref -> new ClientEvent.RoomsQuery(from, ref));
        state.listed(answer.rooms());
        return answer;
    }

    public ServerEvent.RoomState members(String room) throws ChatException {
        String name = name(room);
        ServerEvent.RoomState answer = (ServerEvent.RoomState) request(ref -> new ClientEvent.Members(name, ref));
        state.members(name, answer.members());
        return answer;
    }

    /** Sets the topic; {@code ""} clears it. */
    public void topic(String room, String topic) throws ChatException {
        String name = name(room);
        request(ref -> new ClientEvent.Topic(name, topic == null ? "" : topic.strip(), ref));
    }

    /** {@code +i}, {@code -i}, {@code +t}, {@code -t}, one or several ({@code +it}). */
    public void mode(String room, String change) throws ChatException {
        String name = name(room);
        if (change == null || !change.strip().matches("[+-][it]+([+-][it]+)*")) {
            throw ChatException.usage("mode +i|-i|+t|-t: i is invite-only, t locks the topic to operators.");
        }
        Boolean inviteOnly = null;
        Boolean topicLock = null;
        boolean on = true;
        for (char c : change.strip().toCharArray()) {
            switch (c) {
                case '+' -> on = true;
                case '-' -> on = false;
                case 'i' -> inviteOnly = on;
                default -> topicLock = on;
            }
        }
        Boolean i = inviteOnly;
        Boolean t = topicLock;
        request(ref -> new ClientEvent.Mode(name, i, t, ref));
    }

    public void op(String room, String user, boolean op) throws ChatException {
        String name = name(room);
        String who = user(user);
        request(ref -> op ? new ClientEvent.Op(name, who, ref) : new ClientEvent.Deop(name, who, ref));
    }

    public void kick(String room, String user, String text) throws ChatException {
        String name = name(room);
        String who = user(user);
        request(ref -> new ClientEvent.Kick(name, who, blankToNull(text), ref));
    }

    public void ban(String room, String user, String text) throws ChatException {
        String name = name(room);
        String who = user(user);
        request(ref -> new ClientEvent.Ban(name, who, blankToNull(text), ref));
    }

    public void unban(String room, String user) throws ChatException {
        String name = name(room);
        String who = user(user);
        request(ref -> new ClientEvent.Unban(name, who, ref));
    }

    public void invite(String room, String user) throws ChatException {
        String name = name(room);
        String who = user(user);
        request(ref -> new ClientEvent.Invite(name, who, ref));
    }

    public void close(String room, String text) throws ChatException {
        String name = name(room);
        request(ref -> new ClientEvent.Close(name, blankToNull(text), ref));
        state.left(name);
    }

    /** Sends a room request once connected, to a server that has rooms. */
    private ServerEvent request(Function<String, ClientEvent> event) throws ChatException {
        requireRooms();
        return server.request(event);
    }

    /** Fails unless the server has rooms (connecting first: before {@code welcome} nobody knows). */
    public void requireRooms() throws ChatException {
        server.online();
        if (!state.enabled()) {
            throw new ChatException(ChatException.Kind.USAGE, NO_ROOMS);
        }
    }

    private static String user(String user) throws ChatException {
        if (user == null || user.isBlank()) {
            throw ChatException.usage("Who? Give a user name.");
        }
        return user.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
