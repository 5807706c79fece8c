package io.tcpchat.client.shell;

import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Text from other people (messages, names, file names, the server's words) made safe to print
 * on a terminal. Anyone can send escape sequences that clear the screen, recolour it, move the
 * cursor or start a new line that looks like someone else's message; the server is not trusted
 * to have refused them. So every character that is not plain text is shown, in reverse video,
 * as something harmless:
 * <ul>
 *   <li>C0 controls and DEL in caret notation: ESC is {@code ^[}, CR {@code ^M}, DEL {@code ^?};</li>
 *   <li>C1 controls, bidirectional overrides and isolates, and the Unicode line and paragraph
 *       separators as {@code \}{@code u202E}-style escapes (they reorder or break the line);</li>
 *   <li>LF, in a message, starts a continuation line indented under the sender, so no line of a
 *       message can pass for a line of its own; elsewhere it is {@code ^J}.</li>
 * </ul>
 * TAB is left alone: it only moves right.
 */
final class SafeText {

    private SafeText() {
    }

    /** {@code text} in {@code style}; a line feed starts a line beginning with {@code indent}, or is {@code ^J}. */
    static void append(AttributedStringBuilder sb, String text, AttributedStyle style, String indent) {
        if (text == null) {
            return;
        }
        AttributedStyle control = style.inverse();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            String shown = cp == '\n' && indent != null ? null : visible(cp);
            if (cp == '\n' && indent != null) {
                sb.styled(style, text.substring(start, i)).append('\n').append(indent);
                start = next;
            } else if (shown != null) {
                sb.styled(style, text.substring(start, i)).styled(control, shown);
                start = next;
            }
            i = next;
        }
        sb.styled(style, text.substring(start));
    }

    /** {@code text} for a place without styles (a single line), with the same visible forms. */
    static String plain(String text) {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        append(sb, text, AttributedStyle.DEFAULT, null);
        return sb.toString();
    }

    /** How a character is shown, or {@code null} when it is plain text. */
    static String visible(int cp) {
        if (cp == '\t') {
            return null;
        }
        if (cp < 0x20) {
            return "^" + (char) (cp + 0x40);
        }
        if (cp == 0x7F) {
            return "^?";
        }
        if ((cp >= 0x80 && cp <= 0x9F) || reordersOrBreaks(cp)) {
            return String.format("\\u%04X", cp);
        }
        return null;
    }

    private static boolean reordersOrBreaks(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
    }
}
