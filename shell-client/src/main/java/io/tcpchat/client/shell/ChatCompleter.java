package io.tcpchat.client.shell;

import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.jline.CommandCompleter;

import java.util.List;

/**
 * Tab completion through Spring Shell's command registry and completion providers. Spring
 * Shell 4.0's own completer takes every word before an option for part of the command name,
 * so {@code msg al<TAB>} looked for a command "msg al"; here the first word is the command and
 * the word under the cursor is handed to that command's {@code CompletionProvider}, with the
 * option it follows ({@code --to <TAB>}) when there is one.
 */
final class ChatCompleter extends CommandCompleter {

    private final CommandRegistry registry;

    ChatCompleter(CommandRegistry registry) {
        super(registry);
        this.registry = registry;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        if (index <= 0) {
            String typed = line.word();
            boolean slash = typed.startsWith("/");
            String prefix = slash ? typed.substring(1) : typed;
            for (Command command : registry.getCommandsByPrefix(prefix)) {
                String value = (slash ? "/" : "") + command.getName();
                candidates.add(new Candidate(value, value, null, command.getDescription(), null, null, true));
            }
            return;
        }
        String name = words.getFirst().startsWith("/") ? words.getFirst().substring(1) : words.getFirst();
        Command command = registry.getCommandByName(name);
        if (command == null) {
            return; // chat text: nothing to complete
        }
        String current = line.word();
        CommandOption option = index >= 1 ? optionBefore(command, words.get(index - 1)) : null;
        if (option == null && current.startsWith("-")) {
            for (CommandOption o : command.getOptions()) {
                if (o.longName() != null && !o.longName().isEmpty()) {
                    candidates.add(new Candidate("--" + o.longName(), "--" + o.longName(), null, o.description(),
                            null, null, true));
                }
            }
            return;
        }
        CompletionContext context = new CompletionContext(words, index, line.wordCursor(), command, option);
        for (CompletionProposal p : command.getCompletionProvider().apply(context)) {
            candidates.add(new Candidate(p.value(), p.displayText(), null, p.description(), null, null,
                    p.complete()));
        }
    }

    private static CommandOption optionBefore(Command command, String previous) {
        if (!previous.startsWith("--") || previous.contains("=")) {
            return null;
        }
        String name = previous.substring(2);
        return command.getOptions().stream().filter(o -> name.equals(o.longName())).findFirst().orElse(null);
    }
}
