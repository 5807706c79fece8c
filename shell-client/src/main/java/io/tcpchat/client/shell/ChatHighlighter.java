package io.tcpchat.client.shell;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.springframework.shell.core.command.CommandRegistry;

import java.util.regex.Pattern;

/**
 * Shows a command word ({@code /who}) in bold while it is typed, and leaves chat text alone. (Spring Shell's
 * own highlighter paints every line that is not a command red, which is wrong for a chat,
 * where most lines are messages.)
 */
final class ChatHighlighter implements Highlighter {

    private final CommandRegistry registry;
    private final ChatCommandParser parser;

    ChatHighlighter(CommandRegistry registry, ChatCommandParser parser) {
        this.registry = registry;
        this.parser = parser;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        String typed = buffer.stripLeading();
        boolean command = typed.startsWith("/") && !typed.startsWith("//");
        String name = parser.commandOf(buffer);
        if (!command || name.isEmpty() || registry.getCommandByName(name) == null) {
            return new AttributedString(buffer);
        }
        int start = buffer.indexOf(name.charAt(0));
        int end = Math.min(buffer.length(), start + name.length());
        return new AttributedStringBuilder(buffer.length())
                .append(buffer.substring(0, start))
                .styled(AttributedStyle.BOLD, buffer.substring(start, end))
                .append(buffer.substring(end))
                .toAttributedString();
    }

    @Override
    public void setErrorPattern(Pattern errorPattern) {
    }

    @Override
    public void setErrorIndex(int errorIndex) {
    }
}
