package io.tcpchat.client.shell;

import io.tcpchat.client.files.Sizes;
import io.tcpchat.client.rooms.RoomNotices;
import io.tcpchat.client.rooms.RoomsState;
import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Events as lines for people: time, sender, text. Styles mark direct messages, presence, files
 * and problems; the same lines without styles are what a pipe or a file gets
 * ({@link AttributedString#toString()}).
 *
 * <pre>
 * 14:02 &lt;alice&gt; lunch?
 * 14:02 [alice → you] only for you
 * 14:03 * bob joined
 * 14:05 * alice sent report.pdf (1.2 MiB) as file #7
 * ! Someone online already uses this name; pick another with --user.
 * </pre>
 *
 * Pure apart from the clock and zone it is given.
 */
public final class EventRenderer {

    static final AttributedStyle TIME = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT | AttributedStyle.BLACK);
    static final AttributedStyle DIRECT = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
    static final AttributedStyle PRESENCE = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT | AttributedStyle.BLACK);
    static final AttributedStyle FILE = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold();
    static final AttributedStyle ROOM = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN).bold();
    static final AttributedStyle INFO = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    /** Your name in someone else's message. */
    static final AttributedStyle MENTION = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW).inverse();
    private static final int[] NAME_COLORS = {AttributedStyle.BLUE, AttributedStyle.GREEN, AttributedStyle.YELLOW,
            AttributedStyle.CYAN};

    /** The default {@code --time-format}. */
    public static final String TIME_FORMAT = "HH:mm";

    private final Clock clock;
    private final ZoneId zone;
    private final boolean unicode;

    private final DateTimeFormatter hour;
    private final DateTimeFormatter day;

    public EventRenderer(Clock clock, ZoneId zone, boolean unicode) {
        this(clock, zone, unicode, TIME_FORMAT);
    }

    /** @param timeFormat a {@link DateTimeFormatter} pattern for the time of day; older days get the date before it */
    public EventRenderer(Clock clock, ZoneId zone, boolean unicode, String timeFormat) {
        this.clock = clock;
        this.zone = zone;
        this.unicode = unicode;
        this.hour = DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT);
        this.day = DateTimeFormatter.ofPattern("MMM d " + timeFormat, Locale.ROOT);
    }

    public static EventRenderer system(boolean unicode, String timeFormat) {
        return new EventRenderer(Clock.systemDefaultZone(), ZoneId.systemDefault(), unicode, timeFormat);
    }

    /** Whether lines may use characters beyond ASCII (arrows, bars). */
    public boolean unicode() {
        return unicode;
    }

    /**
     * One stored event as one line, or as several when a message has line feeds: continuation
     * lines are indented under the sender. Text from others goes through {@link SafeText}, so
     * control characters show and cannot act. {@code me} is this client's user.
     */
    public AttributedString render(ServerEvent.Stored event, String me) {
        return render(event, me, null);
    }

    /**
     * As {@link #render(ServerEvent.Stored, String)}, in room {@code here} (the current room, or
     * {@code null} without rooms): a message or file of another room says which
     * ({@code [#ops] <bob> hi}); room notices name their room anyway.
     */
    public AttributedString render(ServerEvent.Stored event, String me, String here) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.styled(TIME, time(event.ts())).append(' ');
        String room = RoomsState.roomOf(event);
        if (here != null && room != null && !room.equals(here) && !(event instanceof ServerEvent.RoomEvent)) {
            sb.styled(ROOM, "[");
            SafeText.append(sb, room, ROOM, null);
            sb.styled(ROOM, "]").append(' ');
        }
        switch (event) {
            case ServerEvent.ChatMessage m when m.to() != null -> {
                AttributedStyle head = DIRECT.bold();
                sb.styled(head, "[");
                name(sb, isMe(m.from(), me) ? "you" : m.from(), head);
                sb.styled(head, arrow());
                name(sb, isMe(m.to(), me) ? "you" : m.to(), head);
                sb.styled(head, "]").append(' ');
                if (isAction(m)) {
                    sb.styled(DIRECT, "* ");
                    name(sb, m.from(), DIRECT);
                    sb.append(' ');
                }
                message(sb, m.text(), DIRECT, isMe(m.from(), me) ? null : me);
            }
            case ServerEvent.ChatMessage m when isAction(m) -> {
                AttributedStyle head = nameStyle(m.from());
                sb.styled(head, "* ");
                name(sb, m.from(), head);
                sb.append(' ');
                message(sb, m.text(), AttributedStyle.DEFAULT.italic(), isMe(m.from(), me) ? null : me);
            }
            case ServerEvent.ChatMessage m -> {
                AttributedStyle head = nameStyle(m.from());
                sb.styled(head, "<");
                name(sb, m.from(), head);
                sb.styled(head, ">").append(' ');
                message(sb, m.text(), AttributedStyle.DEFAULT, isMe(m.from(), me) ? null : me);
            }
            case ServerEvent.Joined j -> {
                sb.styled(PRESENCE, "* ");
                name(sb, j.user(), PRESENCE);
                sb.styled(PRESENCE, " joined");
            }
            case ServerEvent.Left l -> {
                sb.styled(PRESENCE, "* ");
                name(sb, l.user(), PRESENCE);
                sb.styled(PRESENCE, " left" + leftReason(l.reason()));
            }
            case ServerEvent.FileAvailable f -> {
                AttributedStyle style = f.to() != null ? DIRECT : FILE;
                sb.styled(style, "* ");
                name(sb, isMe(f.from(), me) ? "you" : f.from(), style);
                sb.styled(style, " sent ");
                SafeText.append(sb, f.name(), style, null);
                sb.styled(style, " (" + Sizes.format(f.size()) + ")");
                if (f.to() != null) {
                    sb.styled(style, " to ");
                    name(sb, isMe(f.to(), me) ? "you" : f.to(), style);
                }
                sb.styled(style, " as file #" + f.file());
            }
            case ServerEvent.RoomEvent r -> {
                sb.styled(PRESENCE, "* ");
                SafeText.append(sb, RoomNotices.text(r, me), PRESENCE, null);
            }
        }
        return sb.toAttributedString();
    }

    /**
     * A message's text; each line after the first starts under the first one's text, and the
     * name {@code mentioned} (yours, in someone else's message) stands out.
     */
    private static void message(AttributedStringBuilder sb, String text, AttributedStyle style, String mentioned) {
        AttributedStringBuilder body = new AttributedStringBuilder();
        SafeText.append(body, text, style, " ".repeat(sb.columnLength()));
        if (mentioned != null && !mentioned.isEmpty()) {
            body.styleMatches(mention(mentioned), MENTION);
        }
        sb.append(body);
    }

    /**
     * Whether an event is for your attention (the terminal rings its bell): a message from
     * someone else that names you, or a direct message to you.
     */
    public boolean wantsAttention(ServerEvent.Stored event, String me) {
        if (!(event instanceof ServerEvent.ChatMessage m) || me == null || me.isEmpty() || isMe(m.from(), me)) {
            return false;
        }
        return isMe(m.to(), me) || m.text() != null && mention(me).matcher(m.text()).find();
    }

    /** {@code ada} as a word of its own: not in {@code adam} nor {@code @ada.b}. */
    private static Pattern mention(String name) {
        return Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9_-])",
                Pattern.CASE_INSENSITIVE);
    }

    private static void name(AttributedStringBuilder sb, String name, AttributedStyle style) {
        SafeText.append(sb, name, style, null);
    }

    /** {@code 14:02 [#ops] bob mentioned you}: a line of another room that names you. */
    public AttributedString mentioned(String room, ServerEvent.ChatMessage m) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.styled(TIME, time(m.ts())).append(' ');
        sb.styled(ROOM, "[");
        SafeText.append(sb, room, ROOM, null);
        sb.styled(ROOM, "]").append(' ');
        AttributedStringBuilder words = new AttributedStringBuilder();
        SafeText.append(words, m.from(), MENTION, null);
        words.styled(MENTION, " mentioned you");
        sb.append(words);
        return sb.toAttributedString();
    }

    public AttributedString error(String text) {
        return line("! ", text, ERROR);
    }

    public AttributedString info(String text) {
        return line("-- ", text, INFO);
    }

    public AttributedString notice(String text) {
        return line("-- ", text, PRESENCE);
    }

    /** The client's own words, which may quote a file name or a server's message. */
    private static AttributedString line(String mark, String text, AttributedStyle style) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.styled(style, mark);
        SafeText.append(sb, text, style, null);
        return sb.toAttributedString();
    }

    /** Who is online, for the {@code who} command. */
    public AttributedString users(List<String> users, String me) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        sb.append(users.size() == 1 ? "1 user online: " : users.size() + " users online: ");
        for (int i = 0; i < users.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            String u = users.get(i);
            name(sb, u, nameStyle(u));
            if (isMe(u, me)) {
                sb.append(" (you)");
            }
        }
        return sb.toAttributedString();
    }

    /** A table of files, for the {@code files} command. */
    public AttributedString files(List<ServerEvent.FileAvailable> files, String me) {
        if (files.isEmpty()) {
            return new AttributedString("No files yet.");
        }
        AttributedStringBuilder sb = new AttributedStringBuilder();
        int idWidth = files.stream().mapToInt(f -> Long.toString(f.file()).length()).max().orElse(1) + 1;
        for (int i = 0; i < files.size(); i++) {
            ServerEvent.FileAvailable f = files.get(i);
            if (i > 0) {
                sb.append('\n');
            }
            sb.styled(FILE, String.format(Locale.ROOT, "%" + idWidth + "s", "#" + f.file())).append("  ")
                    .append(String.format(Locale.ROOT, "%9s", Sizes.format(f.size()))).append("  ")
                    .styled(TIME, time(f.ts())).append("  ")
                    .append(SafeText.plain(f.name())).append("  ")
                    .styled(PRESENCE, "from " + SafeText.plain(isMe(f.from(), me) ? "you" : f.from())
                            + (f.to() == null ? "" : " to " + SafeText.plain(isMe(f.to(), me) ? "you" : f.to())));
        }
        return sb.toAttributedString();
    }

    String time(Instant ts) {
        if (ts == null) {
            return "--:--";
        }
        ZonedDateTime at = ts.atZone(zone);
        boolean today = at.toLocalDate().equals(LocalDate.now(clock.withZone(zone)));
        return (today ? hour : day).format(at);
    }

    private String arrow() {
        return unicode ? " → " : " -> ";
    }

    private static String leftReason(String reason) {
        return reason == null || reason.equals("bye") ? "" : " (" + SafeText.plain(reason.replace('_', ' ')) + ")";
    }

    private static boolean isAction(ServerEvent.ChatMessage m) {
        return "action".equals(m.kind());
    }

    private static boolean isMe(String user, String me) {
        return me != null && user != null && user.equalsIgnoreCase(me);
    }

    /** Each name keeps its colour, so a conversation is easy to follow. */
    static AttributedStyle nameStyle(String user) {
        int h = user == null ? 0 : user.toLowerCase(Locale.ROOT).hashCode();
        return AttributedStyle.BOLD.foreground(NAME_COLORS[Math.floorMod(h, NAME_COLORS.length)]);
    }
}
