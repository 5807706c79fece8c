package io.tcpchat.client.shell;

import io.tcpchat.client.rooms.RoomsState;
import io.tcpchat.client.session.ChatSession;
import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Making a room current, from {@code /room}, {@code /join} or a key (Alt-1..9, Ctrl-N, Ctrl-P):
 * the lines of that room not seen yet are printed, then the prompt names the room.
 */
final class RoomSwitch {

    private final ChatSession session;
    private final ShellContext shell;

    RoomSwitch(ChatSession session, ShellContext shell) {
        this.session = session;
        this.shell = shell;
    }

    /** Switches to {@code room}, one of the user's. */
    void to(String room) {
        RoomsState.Unseen unseen = session.rooms().state().switchTo(room);
        Console console = shell.console();
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.append(console.renderer().info("Now in " + unseen.room() + (unseen.events().isEmpty() ? ""
                : " (" + unseen.events().size() + " unseen line" + (unseen.events().size() == 1 ? "" : "s") + ")")));
        if (unseen.dropped() > 0) {
            sb.append('\n').append(console.renderer().notice(unseen.dropped() + " earlier lines were not kept:"
                    + " /history shows them"));
        }
        for (ServerEvent.Stored event : unseen.events()) {
            sb.append('\n').append(console.render(event));
        }
        console.print(sb.toAttributedString());
        console.roomsChanged();
    }

    /** The room {@code step} places along (1 next, −1 previous), round the list. */
    void step(int step) {
        to(session.rooms().state().neighbour(step));
    }

    /** The {@code n}th of the user's rooms, if there is one. */
    void number(int n) {
        String room = session.rooms().state().numbered(n);
        if (room == null) {
            shell.console().print(new AttributedString("You have no room " + n + " (/room lists yours)."));
        } else {
            to(room);
        }
    }
}
