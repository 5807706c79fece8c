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

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Tab completion through Spring Shell's command registry and completion providers. Spring
 * Shell 4.0's own completer takes every word before an option for part of the command name,
 * so {@code msg al<TAB>} looked for a command "msg al"; here the first word is the command and
 * the word under the cursor is handed to that command's {@code CompletionProvider}, with the
 * option it follows ({@code --to <TAB>}) when there is one.
 *
 * <p>Commands start with {@code /} in a session, so only a word after a {@code /} completes as a
 * command; in chat text every word completes as the name of someone online.
 */
final class ChatCompleter extends CommandCompleter {

    private final CommandRegistry registry;
    private final Supplier<Collection<String>> names;

    /** @param names who is online, for completing names in chat text */
    ChatCompleter(CommandRegistry registry, Supplier<Collection<String>> names) {
        super(registry);
        this.registry = registry;
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        boolean commandLine = !words.isEmpty() && words.getFirst().startsWith("/")
                && !words.getFirst().startsWith("//");
        if (!commandLine) {
            completeName(line.word(), candidates);
            return;
        }
        if (index <= 0) {
            for (Command command : registry.getCommandsByPrefix(line.word().substring(1))) {
                String value = "/" + command.getName();
                candidates.add(new Candidate(value, value, null, command.getDescription(), null, null, true));
            }
            return;
        }
        Command command = registry.getCommandByName(words.getFirst().substring(1));
        if (command == null) {
            return;
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

    private void completeName(String typed, List<Candidate> candidates) {
        if (typed.isEmpty()) {
            return; // a Tab on nothing would list everyone into the message
        }
        String prefix = typed.toLowerCase(Locale.ROOT);
        for (String name : names.get()) {
            if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                candidates.add(new Candidate(name, name, null, null, null, null, true));
            }
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
