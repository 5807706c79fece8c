package io.tcpchat.client.shell;

import io.tcpchat.client.ClientOptions;
import io.tcpchat.client.ClientOptionsParser;
import io.tcpchat.client.files.Downloads;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.files.Sizes;
import io.tcpchat.client.rooms.Rooms;
import io.tcpchat.client.session.ChatSession;
import io.tcpchat.protocol.ErrorCode;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the client in place of Spring Shell's own runners, which would read the connection
 * options as a command, intercept {@code exit} before our command sees it, reject chat text
 * as an unknown command, and throw away the output and exit status of one-shot use.
 * Commands are still Spring Shell's: found in its {@link CommandRegistry}, run by its
 * {@link CommandExecutor}, completed by its completer.
 *
 * <ul>
 *   <li>No command and a terminal: the interactive shell, events above the prompt.</li>
 *   <li>No command, no terminal (a pipe): the same, one line of stdin at a time, plain output.</li>
 *   <li>A command ({@code chat send hi}): run it, exit with its status.</li>
 *   <li>A script ({@code chat @file} or {@code --script file}): run each line, stop at the
 *       first failure.</li>
 * </ul>
 * Exit status: 0 done, 1 refused by the server or a local problem, 2 wrong use, 3 no
 * connection.
 */
@Component
class ChatShellRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int OK = 0;
    static final int USAGE = 2;

    private final ClientOptions options;
    private final ChatSession session;
    private final ShellContext shell;
    private final CommandRegistry registry;
    private final ChatCommandParser parser;
    private final ObjectProvider<LineReader> lineReader;
    private final boolean terminal;
    private volatile int exitCode;
    /** A typed command runs: Ctrl-C interrupts it. */
    private volatile boolean running;

    ChatShellRunner(ClientOptions options, ChatSession session, ShellContext shell, CommandRegistry registry,
                    ChatCommandParser parser, ObjectProvider<LineReader> lineReader, TerminalMode mode) {
        this.options = options;
        this.session = session;
        this.shell = shell;
        this.registry = registry;
        this.parser = parser;
        this.lineReader = lineReader;
        this.terminal = mode.interactive();
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    @Override
    public void run(ApplicationArguments args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try {
            exitCode = run(out, err);
        } finally {
            session.close();
            out.flush();
            err.flush();
        }
    }

    private int run(PrintStream out, PrintStream err) {
        if (options.help()) {
            out.print(Usage.TEXT);
            return OK;
        }
        if (options.version()) {
            out.println("chat (tcp-chat shell client) " + Usage.version() + ", protocol CHAT/1");
            return OK;
        }
        if (!options.problems().isEmpty()) {
            options.problems().forEach(p -> err.println("chat: " + p));
            return USAGE;
        }
        if (options.user() == null) {
            err.println("chat: no user name: use --user NAME (or CHAT_USER)");
            return USAGE;
        }
        options.warnings().forEach(w -> err.println("chat: warning: " + w));
        if (options.insecure()) {
            err.println("chat: WARNING: --insecure: the server's certificate is not checked; anyone between you"
                    + " and the server could pretend to be it and read everything.");
        }

        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean color = switch (options.color()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> terminal;
        };
        Console console;
        if (terminal) {
            LineReader reader = lineReader.getObject();
            // arrows and bars only where the terminal can show them
            boolean unicode = StandardCharsets.UTF_8.equals(reader.getTerminal().encoding());
            EventRenderer renderer = EventRenderer.system(unicode, options.timeFormat());
            console = new TerminalConsole(renderer, session::user, reader, color);
        } else {
            EventRenderer renderer = EventRenderer.system(false, options.timeFormat());
            console = new PlainConsole(renderer, session::user, out, err, color, stdin);
        }
        console.showIncoming(options.mode() == ClientOptions.Mode.SESSION);
        console.useRooms(session.rooms().state());
        shell.use(console);
        session.setView(console);
        if (options.room() != null && options.mode() != ClientOptions.Mode.SESSION) {
            try {
                session.useRoom(options.room()); // joined, if need be, before the first line goes out
            } catch (ChatException e) {
                err.println("chat: " + e.getMessage());
                return USAGE;
            }
        }

        if (options.askPassword()) {
            String password = console.readSecret("Password for " + options.user() + ": ");
            if (password == null) {
                err.println("chat: no password given");
                return USAGE;
            }
            session.usePassword(password);
        }
        return switch (options.mode()) {
            case SESSION -> terminal ? interactive(console) : lines(console, stdin);
            case ONE_SHOT -> oneShot(console);
            case SCRIPT -> script(console, options.script());
        };
    }

    // ---------------------------------------------------------------- the modes

    private int interactive(Console console) {
        TerminalConsole tc = (TerminalConsole) console;
        LineReader reader = lineReader.getObject();
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true); // "hi!" is text, not history
        RoomSwitch switcher = new RoomSwitch(session, shell);
        if (reader instanceof LineReaderImpl impl) {
            impl.setParser(new ChatLineParser()); // completed paths come escaped; "it's" opens no quote
            impl.setHighlighter(new ChatHighlighter(registry, parser));
            RoomKeys.bind(impl, session.rooms().state(), switcher, console);
            if (options.history() != null) {
                String problem = InputHistory.install(impl, options.history());
                if (problem != null) {
                    console.warn(problem);
                }
            }
        }
        tc.updatePrompt(session.state(), session.user());
        // Ctrl-C while a command runs (a download the prompt waits for) stops that command, not
        // the client: it would otherwise end with status 130 and no bye. While a line is typed
        // JLine handles Ctrl-C itself (it clears the line).
        Thread loop = Thread.currentThread();
        reader.getTerminal().handle(Terminal.Signal.INT, signal -> {
            if (running) {
                loop.interrupt();
            }
        });
        console.info("tcp-chat " + Usage.version() + ": commands start with / (/help lists them); any other line is"
                + " a message.");
        start(console);
        while (!shell.exitRequested()) {
            String line;
            try {
                line = reader.readLine(tc.currentPrompt());
            } catch (UserInterruptException e) {
                if (e.getPartialLine() == null || e.getPartialLine().isBlank()) {
                    console.info("(type /exit or press Ctrl-D to leave)");
                }
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            if (!PasteCheck.confirmed(line, reader, console)) {
                continue;
            }
            running = true;
            try {
                execute(line, console, true);
            } finally {
                running = false;
                Thread.interrupted(); // a Ctrl-C that came as the command ended is not for the next one
            }
        }
        return OK;
    }

    /** Lines from a pipe: like the interactive shell, without a prompt. */
    private int lines(Console console, BufferedReader stdin) {
        start(console);
        try {
            String line;
            while (!shell.exitRequested() && (line = stdin.readLine()) != null) {
                execute(line, console, true);
            }
        } catch (IOException e) {
            console.printError("Cannot read input: " + e.getMessage());
            return 1;
        }
        return OK;
    }

    private int oneShot(Console console) {
        ParsedInput parsed = parser.parse(options.command());
        if (registry.getCommandByName(parsed.commandName()) == null) {
            console.printError("Unknown command '" + parsed.commandName() + "'. Try: chat help");
            return USAGE;
        }
        return run(parsed, console);
    }

    private int script(Console console, Path script) {
        List<String> lines;
        try {
            lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.printError("Cannot read the script " + script + " (" + e.getMessage() + ").");
            return USAGE;
        }
        for (int i = 0; i < lines.size() && !shell.exitRequested(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int status = execute(line, console, false);
            if (status != OK) {
                console.printError(script.getFileName() + ":" + (i + 1) + ": stopped here.");
                return status;
            }
        }
        return OK;
    }

    /** The first connection of a session; a person's session keeps trying when the server is away. */
    private void start(Console console) {
        try {
            session.connect();
        } catch (ChatException e) {
            if (e.code() == ErrorCode.AUTH_REQUIRED || e.code() == ErrorCode.AUTH_FAILED) {
                String password = console.readSecret("Password for " + session.user() + ": ");
                if (password != null && !password.isEmpty()) {
                    try {
                        session.connect(null, null, null, password);
                        return;
                    } catch (ChatException again) {
                        e = again;
                    }
                }
                console.warn(e.getMessage() + " Type /connect --password to try again.");
            } else if (e.kind() == ChatException.Kind.CONNECTION && options.reconnect()) {
                session.keepTrying(e.getMessage());
            } else {
                console.warn(e.getMessage() + " Type /connect to try again.");
            }
        }
        if (options.room() != null && session.state() == io.tcpchat.client.connection.ConnectionState.ONLINE) {
            try { // a session starts in its room: what is said there shows from the start
                session.rooms().join(options.room());
                new RoomSwitch(session, shell).to(Rooms.name(options.room()));
            } catch (ChatException e) {
                console.warn(e.getMessage());
            }
        }
        if (session.autoDownloadLimit() > 0 && options.mode() == ClientOptions.Mode.SESSION) {
            console.info("Files up to " + Sizes.format(session.autoDownloadLimit()) + " are saved in "
                    + Downloads.display(session.downloadsDir(), ClientOptionsParser.home()) + ".");
        }
    }

    // ---------------------------------------------------------------- one line

    /**
     * Runs one line. In a session ({@code chatLine}) a line is a message unless it starts with
     * {@code /}, as in every IRC client: "who wants lunch" and "exit plan?" are chat, {@code /who}
     * and {@code /exit} are commands, and {@code //etc} (or {@code /say /etc}) sends text that starts
     * with a slash. In a script every line is a command, with or without the slash.
     *
     * @return the exit status the line would have on its own
     */
    int execute(String line, Console console, boolean chatLine) {
        String text = line.strip();
        if (text.isEmpty()) {
            return OK;
        }
        if (chatLine && !text.startsWith("/")) {
            return say(text, console);
        }
        if (chatLine && text.startsWith("//")) {
            return say(text.substring(1), console);
        }
        String name = parser.commandOf(text);
        if (registry.getCommandByName(name) == null) {
            console.printError("Unknown command '" + name + "'. Type " + (chatLine ? "/help" : "help")
                    + " to see the commands" + (chatLine ? " (//text sends text that starts with /)." : "."));
            return USAGE;
        }
        ParsedInput parsed;
        try {
            parsed = parser.parse(text);
        } catch (RuntimeException e) {
            console.printError("Cannot read that line: " + e.getMessage());
            return USAGE;
        }
        return run(parsed, console);
    }

    private int say(String text, Console console) {
        try {
            session.say(text);
            return OK;
        } catch (ChatException e) {
            console.printError(e.getMessage());
            return e.kind().exitStatus();
        }
    }

    private int run(ParsedInput parsed, Console console) {
        CommandContext context = new CommandContext(parsed, registry, console.writer(), new InputReader() {
        });
        try {
            ExitStatus status = new CommandExecutor(registry).execute(context);
            console.writer().flush();
            if (status.code() != ExitStatus.OK.code()) {
                console.printError(parsed.commandName() + ": " + status.description().toLowerCase().replace('_', ' '));
                return status == ExitStatus.USAGE_ERROR ? USAGE : 1;
            }
            return OK;
        } catch (CommandExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause instanceof java.lang.reflect.InvocationTargetException
                    || cause instanceof java.lang.reflect.UndeclaredThrowableException) {
                Throwable inner = cause.getCause();
                if (inner == null) {
                    break;
                }
                cause = inner;
            }
            return switch (cause) {
                case ChatException c -> {
                    console.printError(c.getMessage());
                    yield c.kind().exitStatus();
                }
                case IllegalArgumentException bad -> {
                    console.printError(usageOf(parsed.commandName(), bad.getMessage()));
                    yield USAGE;
                }
                default -> {
                    console.printError("Unexpected problem in " + parsed.commandName() + ": " + cause);
                    yield 1;
                }
            };
        } catch (RuntimeException e) {
            console.printError("Unknown command '" + parsed.commandName() + "'. Type /help to see the commands.");
            return USAGE;
        }
    }

    private String usageOf(String name, String problem) {
        Command command = registry.getCommandByName(name);
        String help = command == null ? "" : " Usage: " + command.getHelp();
        return (problem == null ? "Wrong use of " + name + "." : problem) + help;
    }
}
