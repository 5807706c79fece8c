package io.tcpchat.client.shell;

import io.tcpchat.client.ClientOptions;
import io.tcpchat.client.ClientOptionsParser;
import io.tcpchat.client.rooms.RoomsState;
import io.tcpchat.client.session.ChatSession;
import io.tcpchat.protocol.ServerEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.completion.CompletionContext;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.springframework.shell.jline.CommandCompleter;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The Spring Shell side: our parser and completer in place of its defaults, completion of user
 * names, paths and file numbers, and a JLine terminal only when a person is at one.
 */
@Configuration(proxyBeanMethods = false)
class ShellConfiguration {

    @Bean
    TerminalMode terminalMode(ClientOptions options) {
        return new TerminalMode(options.mode() == ClientOptions.Mode.SESSION && !options.help()
                && !options.version() && TerminalMode.attached());
    }

    @Bean
    ShellContext shellContext() {
        return new ShellContext();
    }

    /** Replaces Spring Shell's {@code DefaultCommandParser} (its auto-configuration backs off). */
    @Bean
    ChatCommandParser commandParser() {
        return ChatCommandParser.forChat();
    }

    /** Replaces Spring Shell's {@code CommandCompleter} in the line reader. */
    @Bean
    CommandCompleter commandCompleter(CommandRegistry registry, ChatSession session) {
        return new ChatCompleter(registry, session::onlineUsers);
    }

    /**
     * Without a person at a terminal, JLine gets a dumb terminal on no streams: it must not read
     * stdin (the shell loop does) nor warn that there is no terminal.
     */
    @Bean
    TerminalCustomizer terminalCustomizer(TerminalMode mode) {
        return builder -> {
            if (!mode.interactive()) {
                builder.system(false).dumb(true).type("dumb").provider("exec")
                        .streams(InputStream.nullInputStream(), OutputStream.nullOutputStream());
            }
        };
    }

    @Bean
    CompletionProvider userCompletion(ChatSession session) {
        return context -> context.getWordIndex() == 1 ? users(session, context) : List.of();
    }

    @Bean
    CompletionProvider sendfileCompletion(ChatSession session) {
        PathCompletion paths = new PathCompletion(ClientOptionsParser.home(), Path.of("").toAbsolutePath());
        return context -> context.getCommandOption() != null ? users(session, context)
                : paths.complete(prefix(context));
    }

    @Bean
    CompletionProvider fileCompletion(ChatSession session) {
        return context -> {
            String typed = prefix(context);
            return session.knownFiles().stream()
                    .filter(f -> Long.toString(f.file()).startsWith(typed.replace("#", ""))
                            || f.name().toLowerCase(Locale.ROOT).startsWith(typed.toLowerCase(Locale.ROOT)))
                    .map(ShellConfiguration::proposal)
                    .toList();
        };
    }

    /** Your rooms: {@code /room}, {@code /part}, {@code /topic}, {@code /members}. */
    @Bean
    CompletionProvider roomCompletion(ChatSession session) {
        return context -> context.getWordIndex() == 1
                ? rooms(session.rooms().state().mine(), prefix(context)) : List.of();
    }

    /** The last {@code /rooms} list and your rooms: {@code /join}, {@code /close}. */
    @Bean
    CompletionProvider joinCompletion(ChatSession session) {
        return context -> context.getWordIndex() == 1
                ? rooms(session.rooms().state().known(), prefix(context)) : List.of();
    }

    /** The current room's members (as last seen), else who is online: {@code /kick}, {@code /op}, … */
    @Bean
    CompletionProvider memberCompletion(ChatSession session) {
        return context -> {
            if (context.getWordIndex() != 1) {
                return List.of();
            }
            RoomsState state = session.rooms().state();
            List<String> members = state.members(state.current());
            if (members.isEmpty()) {
                return users(session, context);
            }
            String typed = prefix(context).toLowerCase(Locale.ROOT);
            return members.stream().filter(u -> u.toLowerCase(Locale.ROOT).startsWith(typed))
                    .filter(u -> !u.equalsIgnoreCase(session.user())).map(CompletionProposal::new).toList();
        };
    }

    private static List<CompletionProposal> rooms(List<String> rooms, String typed) {
        String t = typed.toLowerCase(Locale.ROOT);
        return rooms.stream().filter(r -> r.startsWith(t) || r.startsWith("#" + t)).map(CompletionProposal::new)
                .toList();
    }

    private static CompletionProposal proposal(ServerEvent.FileAvailable f) {
        return new CompletionProposal(Long.toString(f.file())).displayText(f.file() + "  " + f.name())
                .description(f.name());
    }

    private static List<CompletionProposal> users(ChatSession session, CompletionContext context) {
        String typed = prefix(context).toLowerCase(Locale.ROOT);
        return session.onlineUsers().stream()
                .filter(u -> u.toLowerCase(Locale.ROOT).startsWith(typed))
                .filter(u -> !u.equalsIgnoreCase(session.user()))
                .map(CompletionProposal::new)
                .toList();
    }

    private static String prefix(CompletionContext context) {
        String word = context.currentWordUpToCursor();
        return word == null ? "" : word;
    }
}
