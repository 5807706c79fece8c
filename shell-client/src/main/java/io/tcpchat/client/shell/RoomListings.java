package io.tcpchat.client.shell;

import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.Locale;

/** The answers of {@code /rooms} and {@code /members} as lines; names and topics shown, never obeyed. */
final class RoomListings {

    private RoomListings() {
    }

    /** <pre>
     * #dev      3 members      build talk
     * #ops      1 member   +i  (you are in it)
     * </pre> */
    static AttributedString rooms(ServerEvent.RoomList list) {
        if (list.rooms().isEmpty()) {
            return new AttributedString("No rooms.");
        }
        int width = list.rooms().stream().mapToInt(r -> r.room().length()).max().orElse(6);
        AttributedStringBuilder sb = new AttributedStringBuilder();
        for (ServerEvent.RoomInfo r : list.rooms()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            SafeText.append(sb, String.format(Locale.ROOT, "%-" + width + "s", r.room()),
                    r.member() ? EventRenderer.ROOM : AttributedStyle.DEFAULT, null);
            sb.append(String.format(Locale.ROOT, "  %4d %-7s %-2s  ", r.members(), r.members() == 1 ? "member"
                    : "members", r.inviteOnly() ? "+i" : ""));
            if (r.topic() != null) {
                SafeText.append(sb, r.topic(), AttributedStyle.DEFAULT, null);
            }
            if (r.member()) {
                sb.styled(EventRenderer.PRESENCE, r.topic() == null ? "(yours)" : "  (yours)");
            }
        }
        if (list.more()) {
            String last = list.rooms().getLast().room();
            sb.append('\n').styled(EventRenderer.PRESENCE, "more: /rooms ");
            SafeText.append(sb, last, EventRenderer.PRESENCE, null);
        }
        return sb.toAttributedString();
    }

    /** {@code #dev (3): @alice, carol, dave} with offline members dimmed. */
    static AttributedString members(ServerEvent.RoomState state, String me) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        SafeText.append(sb, state.room(), EventRenderer.ROOM, null);
        int n = state.members() == null ? 0 : state.members().size();
        sb.append(" (" + n + (n == 1 ? " member" : " members")
                + (state.inviteOnly() ? ", invite-only" : "") + (state.topicLock() ? ", topic locked" : "") + "): ");
        for (int i = 0; i < n; i++) {
            ServerEvent.Member m = state.members().get(i);
            if (i > 0) {
                sb.append(", ");
            }
            AttributedStyle style = m.online() ? EventRenderer.nameStyle(m.user()) : EventRenderer.PRESENCE;
            SafeText.append(sb, (m.op() ? "@" : "") + m.user(), style, null);
            if (m.user().equalsIgnoreCase(me)) {
                sb.append(" (you)");
            }
        }
        if (state.topic() != null && !state.topic().isEmpty()) {
            sb.append("\nTopic: ");
            SafeText.append(sb, state.topic(), AttributedStyle.DEFAULT, null);
        }
        if (state.bans() != null && !state.bans().isEmpty()) {
            sb.append("\nBanned: ");
            for (int i = 0; i < state.bans().size(); i++) {
                SafeText.append(sb, (i > 0 ? ", " : "") + state.bans().get(i).user(), EventRenderer.PRESENCE, null);
            }
        }
        return sb.toAttributedString();
    }
}
