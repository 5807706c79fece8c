package io.tcpchat.client.session;

import io.tcpchat.client.connection.ChatConnection;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.ConnectionState;
import io.tcpchat.client.files.FileSender;
import io.tcpchat.client.rooms.Rooms;
import io.tcpchat.client.rooms.RoomsState;
import io.tcpchat.client.session.OfflineLines.Outgoing;
import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.protocol.Texts;

import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What goes out: messages and actions (to the current room, or direct), files, and the lines
 * typed while the client reconnects ({@link OfflineLines}). Checks a message before it is
 * sent, joins the {@code --room} room before the first line, and remembers the seqs of what
 * it stored so that they are not shown again when replayed.
 */
final class Messages {

    /** The connection once online (connecting first in one-shot use), or a plain-words failure. */
    @FunctionalInterface
    interface Online {
        ChatConnection get() throws ChatException;
    }

    private final Online online;
    private final RoomsState roomsState;
    private final Rooms rooms;
    private final Set<Long> ownSeqs;
    private final Supplier<String> user;
    private final OfflineLines offline;
    /** {@code --room}: where one-shot and piped lines go, joined first if need be. */
    private volatile String wantedRoom;

    Messages(Online online, RoomsState roomsState, Rooms rooms, Set<Long> ownSeqs, Supplier<String> user,
             Supplier<ConnectionState> state, Supplier<SessionView> view) {
        this.online = online;
        this.roomsState = roomsState;
        this.rooms = rooms;
        this.ownSeqs = ownSeqs;
        this.user = user;
        this.offline = new OfflineLines(100, line -> send(line, null), state, view);
    }

    void useRoom(String room) throws ChatException {
        wantedRoom = Rooms.name(room);
    }

    /** Online again: the lines kept go out. */
    void online() {
        offline.online();
    }

    /** A message to the current room, or only to {@code to}; {@code kind}: {@code "action"} or none. */
    Long send(String text, String to, String kind) throws ChatException {
        String recipient = to == null || to.isBlank() ? null : to;
        return send(new Outgoing(text, recipient == null ? targetRoom() : null, kind), recipient);
    }

    /** The room a line typed now goes to, on the wire ({@code null}: {@code #lobby}). */
    String targetRoom() throws ChatException {
        String wanted = wantedRoom;
        if (wanted != null) {
            online.get();
            if (!roomsState.isMember(wanted)) {
                rooms.join(wanted);
            }
            roomsState.switchTo(wanted);
            wantedRoom = null;
        }
        return roomsState.wireRoom();
    }

    private Long send(Outgoing line, String to) throws ChatException {
        String text = line.text();
        if (text == null || text.isBlank()) {
            throw ChatException.usage("Nothing to send.");
        }
        ChatConnection c = online.get();
        int max = c.welcome() != null && c.welcome().limits() != null
                ? c.welcome().limits().maxText() : ProtocolDefaults.MAX_TEXT;
        int length = Texts.codePoints(text);
        if (length > max) {
            throw ChatException.usage("The message has " + length + " characters; the server accepts up to " + max
                    + ".");
        }
        String recipient = to == null || to.isBlank() ? null : to;
        if (recipient != null && recipient.equalsIgnoreCase(user.get())) {
            throw ChatException.usage("That is you: send a direct message to someone else.");
        }
        ServerEvent answer = remember(c.request(ref -> new ClientEvent.Send(text, recipient, line.room(),
                line.kind(), ref)));
        return answer instanceof ServerEvent.Ack ack ? ack.seq() : null;
    }

    /** An answer that stored an event of ours: that event is not news when it is replayed. */
    ServerEvent remember(ServerEvent answer) {
        Long seq = switch (answer) {
            case ServerEvent.Ack ack -> ack.seq();
            case ServerEvent.RoomState state -> state.seq();
            default -> null;
        };
        if (seq != null) {
            ownSeqs.add(seq);
        }
        return answer;
    }

    /**
     * A chat line of a kind ({@code "action"}), or a plain one ({@code null}), for the current
     * room: sent now when online; kept while the client reconnects.
     */
    Long say(String text, String kind) throws ChatException {
        if (text == null || text.isBlank()) {
            throw ChatException.usage("Nothing to send.");
        }
        Outgoing line = new Outgoing(text, roomsState.wireRoom(), kind);
        if (offline.keep(line)) {
            return null;
        }
        if (wantedRoom != null) {
            return send(text, null, kind);
        }
        return send(line, null);
    }

    FileSender.Sent sendFile(Path path, String to, FileSender.Progress progress) throws ChatException {
        String recipient = to == null || to.isBlank() ? null : to;
        if (recipient != null && recipient.equalsIgnoreCase(user.get())) {
            throw ChatException.usage("That is you: send the file to someone else.");
        }
        String room = recipient == null ? targetRoom() : null;
        FileSender.Sent sent = FileSender.send(online.get(), path, recipient, room, progress);
        if (sent.seq() != null) {
            ownSeqs.add(sent.seq());
        }
        return sent;
    }
}
