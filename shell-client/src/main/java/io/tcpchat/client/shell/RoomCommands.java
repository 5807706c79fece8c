package io.tcpchat.client.shell;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.rooms.Rooms;
import io.tcpchat.client.rooms.RoomsState;
import io.tcpchat.client.session.ChatSession;
import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The room commands (docs/design/rooms.md §5) and {@code /me}. The room defaults to the current
 * one; a command whose room is optional takes it as a first word starting with {@code #}
 * ({@code /part #dev bye}, {@code /topic #dev}).
 */
@Component
class RoomCommands {

    static final String GROUP = "Rooms";

    /** The order {@code help} lists them in, with how each is typed. */
    static final List<String[]> USAGE = List.of(
            new String[] {"me <action>", "an action in the current room: * you waves"},
            new String[] {"join <#room>", "join a room (created if new) and make it current"},
            new String[] {"part [#room] [reason]", "leave a room (the current one by default)"},
            new String[] {"room [#room]", "switch to one of your rooms; alone, list them (Alt-1..9, Ctrl-N/P)"},
            new String[] {"rooms [after]", "the rooms on the server: members, topic, invite-only"},
            new String[] {"members [#room]", "who is in a room (@ operators)"},
            new String[] {"topic [#room] [text]", "show the topic, or set it (\"\" clears it)"},
            new String[] {"invite <user> [#room]", "let someone into an invite-only room"},
            new String[] {"kick <user> [reason]", "put someone out of the current room (operators)"},
            new String[] {"ban <user> [reason]", "keep someone out of the current room (operators)"},
            new String[] {"unban <user>", "lift a ban (operators)"},
            new String[] {"op <user>", "make someone an operator of the current room"},
            new String[] {"deop <user>", "take operator away"},
            new String[] {"mode [#room] <+i|-i|+t|-t>", "invite-only on/off, topic locked to operators on/off"},
            new String[] {"close <#room> [reason]", "close a room for good (administrators)"});

    private final ChatSession session;
    private final ShellContext shell;
    private final RoomSwitch switcher;

    RoomCommands(ChatSession session, ShellContext shell) {
        this.session = session;
        this.shell = shell;
        this.switcher = new RoomSwitch(session, shell);
    }

    RoomSwitch switcher() {
        return switcher;
    }

    @Command(name = "me", group = GROUP, description = "An action message", completionProvider = "userCompletion",
            help = "me <action>: an action in the current room, shown as * you <action>")
    public void me(@Argument(index = 0, description = "what you do") String text) throws ChatException {
        session.say(required(text, "me <action>"), "action");
    }

    @Command(name = "join", group = GROUP, description = "Join a room", completionProvider = "joinCompletion",
            help = "join <#room>: join a room (it is created if it does not exist) and make it current")
    public void join(@Argument(index = 0, description = "the room") String room) throws ChatException {
        ServerEvent.RoomState state = rooms().join(required(room, "join <#room>"));
        print("Joined " + state.room() + (Boolean.TRUE.equals(state.created())
                ? ", a new room: you are its operator." : describe(state)));
        switcher.to(state.room());
    }

    @Command(name = "part", group = GROUP, description = "Leave a room", completionProvider = "roomCompletion",
            help = "part [#room] [reason]: leave a room, the current one unless named")
    public void part(@Argument(index = 0, defaultValue = "", description = "[#room] [reason]") String text)
            throws ChatException {
        String[] roomAndText = roomAndText(text);
        String room = rooms().roomOrCurrent(roomAndText[0]);
        boolean wasCurrent = room.equals(state().current());
        rooms().part(room, roomAndText[1]);
        print("Left " + room + ".");
        if (wasCurrent) {
            switcher.to(state().current());
        } else {
            shell.console().roomsChanged();
        }
    }

    @Command(name = "room", group = GROUP, description = "Switch rooms, or list yours",
            completionProvider = "roomCompletion",
            help = "room [#room]: make one of your rooms current; alone: your rooms with their unread counts")
    public void room(@Argument(index = 0, defaultValue = "", description = "the room") String room)
            throws ChatException {
        rooms().requireRooms();
        if (room.isBlank()) {
            StringBuilder sb = new StringBuilder("Your rooms:");
            int n = 1;
            for (RoomsState.Unread u : state().unread()) {
                sb.append(n == 1 ? " " : ", ").append(n++).append(' ').append(u.room())
                        .append(u.room().equals(state().current()) ? " (here)" : u.count() > 0 ? " (" + u.count()
                                + " unread)" : "");
            }
            print(sb.toString());
            return;
        }
        String name = Rooms.name(room);
        if (!state().isMember(name)) {
            throw ChatException.usage("You are not in " + name + ": /join " + name);
        }
        switcher.to(name);
    }

    @Command(name = "rooms", group = GROUP, description = "List the rooms on the server",
            help = "rooms [after]: the rooms (200 at a time, from the name after), with members, topic and"
                    + " whether they are invite-only")
    public void rooms(@Argument(index = 0, defaultValue = "", description = "list from after this name") String after)
            throws ChatException {
        ServerEvent.RoomList list = rooms().list(after);
        shell.console().print(RoomListings.rooms(list));
    }

    @Command(name = "members", group = GROUP, description = "Who is in a room", completionProvider = "roomCompletion",
            help = "members [#room]: the members of a room (@ operators; offline ones dimmed)")
    public void members(@Argument(index = 0, defaultValue = "", description = "the room") String room)
            throws ChatException {
        ServerEvent.RoomState state = rooms().members(rooms().roomOrCurrent(room));
        shell.console().print(RoomListings.members(state, session.user()));
    }

    @Command(name = "topic", group = GROUP, description = "Show or set a room's topic",
            completionProvider = "roomCompletion",
            help = "topic [#room] [text]: without text show the topic; with text set it (\"\" clears it)")
    public void topic(@Argument(index = 0, defaultValue = "", description = "[#room] [text]") String text)
            throws ChatException {
        String[] roomAndText = roomAndText(text);
        String room = rooms().roomOrCurrent(roomAndText[0]);
        String topic = roomAndText[1];
        if (topic.isEmpty()) {
            ServerEvent.RoomState state = rooms().members(room);
            print(state.topic() == null || state.topic().isEmpty() ? room + " has no topic."
                    : "Topic of " + room + ": " + state.topic());
            return;
        }
        boolean clear = topic.equals("\"\"") || topic.equals("''");
        rooms().topic(room, clear ? "" : topic);
        print(clear ? "Cleared the topic of " + room + "." : "Set the topic of " + room + ".");
    }

    @Command(name = "invite", group = GROUP, description = "Invite someone to a room",
            completionProvider = "userCompletion",
            help = "invite <user> [#room]: let <user> join (the current room unless named), invite-only or not")
    public void invite(@Argument(index = 0, description = "who") String user,
                       @Argument(index = 1, defaultValue = "", description = "the room") String room)
            throws ChatException {
        String name = rooms().roomOrCurrent(room);
        rooms().invite(name, required(user, "invite <user> [#room]"));
        print("Invited " + user + " to " + name + ".");
    }

    @Command(name = "kick", group = GROUP, description = "Put someone out of the room",
            completionProvider = "memberCompletion",
            help = "kick <user> [reason]: put <user> out of the current room (operators); they may join again")
    public void kick(@Argument(index = 0, description = "who") String user,
                     @Argument(index = 1, defaultValue = "", description = "why") String reason) throws ChatException {
        rooms().kick(state().current(), required(user, "kick <user> [reason]"), reason);
        print("Kicked " + user.strip() + " from " + state().current() + ".");
    }

    @Command(name = "ban", group = GROUP, description = "Keep someone out of the room",
            completionProvider = "memberCompletion",
            help = "ban <user> [reason]: put <user> out of the current room and keep them out (operators)")
    public void ban(@Argument(index = 0, description = "who") String user,
                    @Argument(index = 1, defaultValue = "", description = "why") String reason) throws ChatException {
        rooms().ban(state().current(), required(user, "ban <user> [reason]"), reason);
        print("Banned " + user.strip() + " from " + state().current() + ".");
    }

    @Command(name = "unban", group = GROUP, description = "Lift a ban", completionProvider = "memberCompletion",
            help = "unban <user>: <user> may join the current room again (operators)")
    public void unban(@Argument(index = 0, description = "who") String user) throws ChatException {
        rooms().unban(state().current(), required(user, "unban <user>"));
        print("Lifted the ban on " + user + " in " + state().current() + ".");
    }

    @Command(name = "op", group = GROUP, description = "Make someone an operator",
            completionProvider = "memberCompletion",
            help = "op <user>: make a member an operator of the current room (operators)")
    public void op(@Argument(index = 0, description = "who") String user) throws ChatException {
        rooms().op(state().current(), required(user, "op <user>"), true);
        print(user + " is an operator of " + state().current() + ".");
    }

    @Command(name = "deop", group = GROUP, description = "Take operator away", completionProvider = "memberCompletion",
            help = "deop <user>: <user> is no longer an operator of the current room (operators)")
    public void deop(@Argument(index = 0, description = "who") String user) throws ChatException {
        rooms().op(state().current(), required(user, "deop <user>"), false);
        print(user + " is no longer an operator of " + state().current() + ".");
    }

    @Command(name = "mode", group = GROUP, description = "Invite-only, topic lock",
            help = "mode [#room] <+i|-i|+t|-t>: make the current room invite-only (+i) or open (-i), lock its topic to"
                    + " operators (+t) or open it to members (-t)")
    public void mode(@Argument(index = 0, defaultValue = "", description = "+i, -i, +t or -t") String text)
            throws ChatException {
        String[] roomAndText = roomAndText(text); // -i is the change, not an option
        String room = rooms().roomOrCurrent(roomAndText[0]);
        String change = required(roomAndText[1], "mode [#room] <+i|-i|+t|-t>");
        rooms().mode(room, change);
        print("Mode of " + room + " set: " + change + ".");
    }

    @Command(name = "close", group = GROUP, description = "Close a room (administrators)",
            completionProvider = "joinCompletion",
            help = "close <#room> [reason]: close a room for good; its name becomes free (administrators)")
    public void close(@Argument(index = 0, description = "the room") String room,
                      @Argument(index = 1, defaultValue = "", description = "why") String reason)
            throws ChatException {
        String name = Rooms.name(required(room, "close <#room> [reason]"));
        boolean wasCurrent = name.equals(state().current());
        rooms().close(name, reason);
        print("Closed " + name + ".");
        if (wasCurrent) {
            switcher.to(state().current());
        } else {
            shell.console().roomsChanged();
        }
    }

    /** {@code "#dev bye all"} → {@code ["#dev", "bye all"]}; {@code "bye all"} → {@code [null, "bye all"]}. */
    static String[] roomAndText(String text) {
        String t = text == null ? "" : text.strip();
        if (t.startsWith("#")) {
            int space = t.indexOf(' ');
            return space < 0 ? new String[] {t, ""} : new String[] {t.substring(0, space), t.substring(space + 1).strip()};
        }
        return new String[] {null, t};
    }

    private Rooms rooms() {
        return session.rooms();
    }

    private RoomsState state() {
        return session.rooms().state();
    }

    /** A line that may quote the server (a topic, a name): shown, never obeyed. */
    private void print(String line) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        SafeText.append(sb, line, AttributedStyle.DEFAULT, null);
        shell.console().print(sb.toAttributedString());
    }

    private static String required(String value, String usage) throws ChatException {
        if (value == null || value.isBlank()) {
            throw ChatException.usage("Usage: " + usage);
        }
        return value.strip();
    }

    private static String describe(ServerEvent.RoomState state) {
        int n = state.members() == null ? 0 : state.members().size();
        return ": " + n + (n == 1 ? " member" : " members") + (state.topic() == null || state.topic().isEmpty()
                ? "." : "; topic: " + state.topic());
    }
}
