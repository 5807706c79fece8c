package io.tcpchat.client.shell;

import io.tcpchat.client.ClientOptionsParser;
import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.files.Download;
import io.tcpchat.client.files.Downloads;
import io.tcpchat.client.files.FileSender;
import io.tcpchat.client.files.Sizes;
import io.tcpchat.client.session.ChatSession;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.ServerEvent;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The commands, as thin as a controller: read the arguments, call the {@link ChatSession},
 * turn the answer into lines. Failures are {@link ChatException}s in plain words; the shell
 * loop prints them and turns them into exit statuses.
 */
@Component
class ChatCommands {

    static final String GROUP = "Chat";

    /** The order {@code help} lists commands in, with how each is typed. */
    static final List<String[]> USAGE = List.of(
            new String[] {"<text>", "in a session, a line not starting with / is sent to the current room"},
            new String[] {"send <text>", "send a message to the current room (also say; //text sends /text)"},
            new String[] {"msg <user> <text>", "send a direct message"},
            new String[] {"sendfile <path> [--to <user>]", "upload a file for the current room, or for one user"},
            new String[] {"files", "list the files announced so far"},
            new String[] {"download <#id|name>", "fetch a file (resumes a partial one)"},
            new String[] {"cancel <#id|name>", "stop a download or an upload running in the background"},
            new String[] {"who", "list the users online"},
            new String[] {"history [n]", "show the last n events (default 20)"},
            new String[] {"history more [n]", "show the n events before those"},
            new String[] {"register [--password <pw>]", "protect your name with a password"},
            new String[] {"connect [--host h] [--port p] [--user u] [--password]", "connect, or reconnect now"},
            new String[] {"disconnect", "leave the server, stay in the shell"},
            new String[] {"clear", "clear the screen"},
            new String[] {"help", "this list"},
            new String[] {"exit", "leave (also Ctrl-D)"});

    private final ChatSession session;
    private final ShellContext shell;
    private final BackgroundTransfers transfers;
    /** Where {@code history more} goes on from: the oldest seq shown by the last history. */
    private volatile Long oldestShown;
    private volatile int lastHistoryLimit = 20;
    /** Lazily: the registry is built from the command beans, this one included. */
    private final ObjectProvider<CommandRegistry> registry;

    ChatCommands(ChatSession session, ShellContext shell, ObjectProvider<CommandRegistry> registry) {
        this.session = session;
        this.shell = shell;
        this.registry = registry;
        this.transfers = new BackgroundTransfers(session, shell);
    }

    @Command(name = "send", alias = {"say"}, group = GROUP, description = "Send a message to the current room",
            help = "send <text>: send a message to the current room (#lobby: everyone; the rest of the line, as typed; also /say)")
    public void send(@Argument(index = 0, description = "the message") String text) throws ChatException {
        session.send(required(text, "send <text>"), null);
    }

    @Command(name = "msg", group = GROUP, description = "Send a direct message", completionProvider = "userCompletion",
            help = "msg <user> <text>: send a message only <user> sees")
    public void msg(@Argument(index = 0, description = "who gets it") String user,
                    @Argument(index = 1, description = "the message") String text) throws ChatException {
        String message = required(text, "msg <user> <text>");
        String to = required(user, "msg <user> <text>");
        Long seq = session.send(message, to);
        // the server does not echo it, and the typed line says nothing of whether it went out
        shell.console().show(new ServerEvent.ChatMessage(seq == null ? 0 : seq, Instant.now(), session.user(),
                message, to));
    }

    @Command(name = "sendfile", group = GROUP, description = "Upload a file", completionProvider = "sendfileCompletion",
            help = "sendfile <path> [--to <user>]: upload a file for the current room, or only for <user>")
    public void sendfile(@Argument(index = 0, description = "the file") String path,
                           @Option(longName = "to", description = "only for this user") String to)
            throws ChatException {
        Path file = Path.of(expandHome(required(path, "sendfile <path> [--to <user>]")));
        Console console = shell.console();
        if (console.isTerminal()) {
            transfers.upload(file, to); // the prompt stays free; the status line shows how far it is
            return;
        }
        // a script or a pipe waits for the upload; nobody watches a bar there
        FileSender.Sent sent = session.sendFile(file, to, (phase, done, total) -> { });
        print("Sent " + sent.name() + " (" + Sizes.format(sent.size()) + ") as file #" + sent.file()
                + (to == null || to.isBlank() ? "." : " to " + to + "."));
    }

    @Command(name = "files", group = GROUP, description = "List the files announced so far",
            help = "files: list the files announced so far, with their numbers for download")
    public void files() throws ChatException {
        print(shell.console().renderer().files(session.files(), session.user()));
    }

    @Command(name = "download", group = GROUP, description = "Download a file", completionProvider = "fileCompletion",
            help = "download <#id|name>: download a file into the downloads folder; a partial one is resumed")
    public void download(@Argument(index = 0, description = "file number or name") String key)
            throws ChatException {
        Download download = session.download(required(key, "download <#id|name>"));
        Console console = shell.console();
        if (console.isTerminal()) {
            transfers.download(download);
            return;
        }
        try {
            Path saved = download.result().get(); // a script or a pipe waits for the file
            print("Saved " + Downloads.display(saved, ClientOptionsParser.home()) + " ("
                    + Sizes.format(download.size()) + ", SHA-256 verified).");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ChatException c ? c
                    : new ChatException(ChatException.Kind.LOCAL, "Download failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String name = download.name() == null ? "#" + download.file() : download.name();
            String why = "Cancelled " + name + "; the partial file is kept: /download " + download.file()
                    + " resumes it.";
            session.cancelDownload(download.file(), why);
            throw new ChatException(ChatException.Kind.LOCAL, why);
        }
    }

    @Command(name = "cancel", group = GROUP, description = "Stop a download", completionProvider = "fileCompletion",
            help = "cancel <#id|name>: stop a download in progress (an automatic one too; the partial file is"
                    + " kept for a later download) or an upload (by its file name)")
    public void cancel(@Argument(index = 0, description = "file number or name") String key) throws ChatException {
        Download running = session.runningDownload(required(key, "cancel <#id|name>"));
        if (running == null && transfers.cancelUpload(key)) {
            return; // the upload's thread says "Cancelled"
        }
        if (running == null) {
            throw ChatException.usage("No download of '" + key + "' is running.");
        }
        String name = running.name() == null ? "#" + running.file() : running.name();
        transfers.forget(running.file()); // first: its end is this cancel, not a failure to report
        session.cancelDownload(running.file(), "Cancelled " + name + ".");
        print("Cancelled " + name + "; the partial file is kept: /download " + running.file() + " resumes it.");
    }

    @Command(name = "who", group = GROUP, description = "List the users online", help = "who: list the users online")
    public void who() throws ChatException {
        print(shell.console().renderer().users(session.who(), session.user()));
    }

    @Command(name = "history", group = GROUP, description = "Show recent events",
            help = "history [n] | history more [n]: show the last n messages, presence changes and files (default"
                    + " 20, at most 500 at a time); history more shows the n before those shown last")
    public void history(@Argument(index = 0, defaultValue = "20", description = "how many, or more") String first,
                        @Argument(index = 1, defaultValue = "", description = "how many more") String second)
            throws ChatException {
        boolean more = first.strip().equalsIgnoreCase("more");
        String n = more ? (second.isBlank() ? Integer.toString(lastHistoryLimit) : second) : first;
        int limit;
        try {
            limit = Integer.parseInt(n.strip());
        } catch (NumberFormatException e) {
            throw ChatException.usage("history [n] or history more [n]: n is a number, not '" + n + "'.");
        }
        Long before = null;
        if (more) {
            before = oldestShown;
            if (before == null) {
                throw ChatException.usage("Nothing to page back from: type history first.");
            }
            if (before <= 1) {
                print(new AttributedString("No older events."));
                return;
            }
        }
        ServerEvent.HistoryPage page = session.history(limit, before);
        lastHistoryLimit = Math.min(limit, ProtocolDefaults.HISTORY_MAX_LIMIT);
        if (page.events().isEmpty()) {
            print(new AttributedString(more ? "No older events." : "No history yet."));
            oldestShown = 1L;
            return;
        }
        oldestShown = page.events().getFirst().seq();
        AttributedStringBuilder sb = new AttributedStringBuilder();
        EventRenderer renderer = shell.console().renderer();
        for (ServerEvent.Stored event : page.events()) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(shell.console().render(event));
        }
        if (page.more()) {
            sb.append('\n').append(renderer.notice("older events exist: /history more"));
        } else {
            oldestShown = 1L; // the server has nothing older
        }
        print(sb.toAttributedString());
    }

    @Command(name = "register", group = GROUP, description = "Protect your name with a password",
            help = "register [--password <pw>]: claim your current name; without --password you are asked twice")
    public void register(@Option(longName = "password", description = "the new password") String password)
            throws ChatException {
        String pw = password;
        if (pw == null || pw.isEmpty() || pw.equals("true")) {
            Console console = shell.console();
            pw = console.readSecret("New password for " + session.user() + ": ");
            if (pw == null) {
                throw ChatException.usage("register needs a password: register --password <pw>");
            }
            if (console.isTerminal()) {
                String again = console.readSecret("Same password again: ");
                if (!pw.equals(again)) {
                    throw ChatException.usage("The two passwords differ; nothing was registered.");
                }
            }
        }
        session.register(pw);
        print("Registered '" + session.user() + "'. From now on log in with --password.");
    }

    @Command(name = "connect", group = GROUP, description = "Connect, or reconnect now",
            help = "connect [--host h] [--port p] [--user u] [--password [pw]]: connect, to another server or as"
                    + " another user if given")
    public void connect(@Option(longName = "host", description = "server host") String host,
                        @Option(longName = "port", description = "server port") String port,
                        @Option(longName = "user", description = "user name") String user,
                        @Option(longName = "password", description = "password") String password)
            throws ChatException {
        Integer p = null;
        if (port != null && !port.isBlank()) {
            try {
                p = Integer.parseInt(port.strip());
            } catch (NumberFormatException e) {
                throw ChatException.usage("--port is a number, not '" + port + "'.");
            }
        }
        String pw = password == null || password.isEmpty() ? null : password;
        if ("true".equals(pw)) {
            pw = shell.console().readSecret("Password: ");
        }
        session.connect(blankToNull(host), p, blankToNull(user), pw);
    }

    @Command(name = "disconnect", group = GROUP, description = "Leave the server, stay in the shell",
            help = "disconnect: say bye to the server; connect brings you back")
    public void disconnect() {
        session.disconnect();
        print("Disconnected. Type /connect to come back, /exit to leave.");
    }

    @Command(name = {"exit"}, alias = {"quit"}, group = GROUP, description = "Leave",
            help = "exit: say bye and leave (also quit, or Ctrl-D)")
    public void exit() {
        shell.requestExit();
    }

    @Command(name = "help", group = GROUP, description = "List the commands", help = "help: list the commands")
    public void help() {
        AttributedStringBuilder sb = new AttributedStringBuilder();
        List<String[]> all = new java.util.ArrayList<>(USAGE.subList(0, USAGE.size() - 3));
        if (session.rooms().state().enabled()) { // a server without rooms: their commands would only refuse
            all.addAll(RoomCommands.USAGE);
        } else {
            all.add(RoomCommands.USAGE.getFirst()); // /me works everywhere
        }
        all.addAll(USAGE.subList(USAGE.size() - 3, USAGE.size()));
        int width = all.stream().mapToInt(u -> u[0].length()).max().orElse(10);
        sb.append("Commands (in a session they start with /, as /who; tab completes; Ctrl-D leaves):");
        for (String[] usage : all) {
            String name = usage[0].split(" ")[0];
            if (!name.startsWith("<") && registry.getObject().getCommandByName(name) == null) {
                continue;
            }
            sb.append("\n  ").styled(EventRenderer.nameStyle("help"), String.format("%-" + width + "s", usage[0]))
                    .append("  ").append(usage[1]);
        }
        sb.append("\nDownloads go to ").append(Downloads.display(session.downloadsDir(), ClientOptionsParser.home()));
        long limit = session.autoDownloadLimit();
        sb.append(limit > 0 ? "; files up to " + Sizes.format(limit) + " are fetched on their own."
                : "; nothing is fetched on its own.");
        print(sb.toAttributedString());
    }

    private void print(AttributedString line) {
        shell.console().print(line);
    }

    private void print(String line) {
        shell.console().print(new AttributedString(line));
    }

    private static String required(String value, String usage) throws ChatException {
        if (value == null || value.isBlank()) {
            throw ChatException.usage("Usage: " + usage);
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return ClientOptionsParser.home() + path.substring(1); // $HOME, as completion and the shell have it
        }
        return path;
    }
}
