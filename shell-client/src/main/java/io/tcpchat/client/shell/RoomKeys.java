package io.tcpchat.client.shell;

import io.tcpchat.client.rooms.Rooms;
import io.tcpchat.client.rooms.RoomsState;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.impl.LineReaderImpl;

/**
 * Keys that switch rooms while a line is typed (the line stays): Alt-1 … Alt-9 the room of that
 * number ({@code /room} lists them), Ctrl-N and Ctrl-P the next and previous one, as in irssi.
 * They replace JLine's digit arguments and line moves, which the arrow keys still do.
 */
final class RoomKeys {

    private RoomKeys() {
    }

    static void bind(LineReaderImpl reader, RoomsState rooms, RoomSwitch switcher, Console console) {
        reader.getWidgets().put("chat-next-room", () -> run(rooms, console, () -> switcher.step(1)));
        reader.getWidgets().put("chat-previous-room", () -> run(rooms, console, () -> switcher.step(-1)));
        for (int n = 1; n <= 9; n++) {
            int number = n;
            reader.getWidgets().put("chat-room-" + n, () -> run(rooms, console, () -> switcher.number(number)));
        }
        for (String map : new String[] {LineReader.EMACS, LineReader.VIINS}) {
            KeyMap<Binding> keys = reader.getKeyMaps().get(map);
            if (keys == null) {
                continue;
            }
            keys.bind(new Reference("chat-next-room"), KeyMap.ctrl('N'));
            keys.bind(new Reference("chat-previous-room"), KeyMap.ctrl('P'));
            for (int n = 1; n <= 9; n++) {
                keys.bind(new Reference("chat-room-" + n), KeyMap.alt((char) ('0' + n)));
            }
        }
    }

    private static boolean run(RoomsState rooms, Console console, Runnable action) {
        if (!rooms.enabled()) {
            console.warn(Rooms.NO_ROOMS);
        } else {
            action.run();
        }
        return true;
    }
}
