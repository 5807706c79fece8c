package io.tcpchat.client;

import io.tcpchat.client.files.Sizes;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.UserNames;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@link ClientOptions} from program arguments, environment variables and a config file
 * (command line first, then environment, then file, then defaults).
 *
 * <p>Spring Shell 4 would read program arguments as a command line, so the options are taken
 * off here, before a command is looked for: everything up to the first word that is not an
 * option is a client option ({@code --host H} or {@code --host=H}); that word and the rest
 * are the command ({@code chat --user bot send "hello"}). Arguments that belong to Spring
 * Boot ({@code --spring.*}, {@code --logging.*}, {@code --debug}) are passed over.
 *
 * <p>Pure: the environment, home folder and OS user name are parameters, so tests need no
 * real environment.
 */
public final class ClientOptionsParser {

    /** Name rule of docs/protocol.md, checked early for a clearer message. */

    /**
     * Nothing is fetched unless asked for: anyone online could otherwise fill the disk with
     * files nobody wanted. {@code --auto-download SIZE} opts in.
     */
    private static final long DEFAULT_AUTO_DOWNLOAD = 0;

    /** Option name → environment variable. The config file uses the option name as its key. */
    private static final Map<String, String> ENV = new LinkedHashMap<>();

    /** Options that take a value; the others are switches ({@code --tls}, {@code --no-color}). */
    private static final List<String> VALUED = List.of("host", "port", "user", "password", "password-file", "downloads",
            "auto-download", "color", "time-format", "truststore", "truststore-password", "config", "script", "room",
            "history");

    /**
     * The client's commands: a bare {@code --password} before one of them asks for the password
     * ({@code chat --user ada --password send hi}); {@code --password=PW} is never ambiguous.
     */
    public static final List<String> COMMANDS = List.of("send", "say", "msg", "sendfile", "files", "download", "cancel",
            "who", "history", "register", "connect", "disconnect", "help", "clear", "exit", "quit", "me", "join",
            "part", "room", "rooms", "members", "topic", "invite", "kick", "ban", "unban", "op", "deop", "mode",
            "close");

    private static final List<String> SWITCHES = List.of("tls", "insecure", "no-reconnect", "no-color",
            "ask-password", "help", "version");

    static {
        ENV.put("host", "CHAT_HOST");
        ENV.put("port", "CHAT_PORT");
        ENV.put("user", "CHAT_USER");
        ENV.put("password", "CHAT_PASSWORD");
        ENV.put("password-file", "CHAT_PASSWORD_FILE");
        ENV.put("downloads", "CHAT_DOWNLOADS");
        ENV.put("auto-download", "CHAT_AUTO_DOWNLOAD");
        ENV.put("color", "CHAT_COLOR");
        ENV.put("time-format", "CHAT_TIME_FORMAT");
        ENV.put("room", "CHAT_ROOM");
        ENV.put("history", "CHAT_HISTORY");
        ENV.put("tls", "CHAT_TLS");
        ENV.put("truststore", "CHAT_TRUSTSTORE");
        ENV.put("truststore-password", "CHAT_TRUSTSTORE_PASSWORD");
        ENV.put("insecure", "CHAT_INSECURE");
        ENV.put("reconnect", "CHAT_RECONNECT");
    }

    /** Keys of the config file: the options with a variable, and the switches that make sense there. */
    private static final List<String> FILE_ONLY_KEYS = List.of("ask-password", "no-reconnect", "no-color");

    /** Every long option the parser knows ({@code --help} and the README must name each one). */
    public static java.util.Set<String> optionNames() {
        java.util.Set<String> names = new java.util.TreeSet<>(VALUED);
        names.addAll(SWITCHES);
        return names;
    }

    private final Map<String, String> env;
    private final Path home;
    private final String osUser;

    public ClientOptionsParser(Map<String, String> env, Path home, String osUser) {
        this.env = env;
        this.home = home;
        this.osUser = osUser;
    }

    /** A parser for this process: real environment, home folder and user. */
    public static ClientOptionsParser forThisProcess() {
        return new ClientOptionsParser(System.getenv(), home(), System.getProperty("user.name"));
    }

    /** {@code $HOME} as the shell knows it (Java's user.home comes from the password file). */
    public static Path home() {
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
    }

    public ClientOptions parse(List<String> args) {
        List<String> problems = new ArrayList<>();
        Map<String, String> cli = new HashMap<>();
        List<String> command = new ArrayList<>();
        boolean askPassword = false;

        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!command.isEmpty() || !arg.startsWith("-") || arg.equals("-")) {
                command.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                command.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (isSpringArgument(arg)) {
                continue;
            }
            String name;
            String value = null;
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                value = eq < 0 ? null : arg.substring(eq + 1);
            } else {
                name = switch (arg) {
                    case "-u" -> "user";
                    case "-h", "-?" -> "help";
                    case "-V" -> "version";
                    default -> null;
                };
                if (name == null) {
                    problems.add("unknown option " + arg + " (see chat --help)");
                    continue;
                }
            }
            if (name.equals("password") && value == null && (i + 1 >= args.size()
                    || args.get(i + 1).startsWith("-") || COMMANDS.contains(args.get(i + 1)))) {
                askPassword = true; // a bare --password asks for it without echo
                continue;
            }
            if (VALUED.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        problems.add("option --" + name + " needs a value");
                        continue;
                    }
                    value = args.get(++i);
                }
                cli.put(name, value);
            } else if (SWITCHES.contains(name) || name.equals("reconnect")) {
                cli.put(name, value == null ? "true" : value);
            } else {
                problems.add("unknown option --" + name + " (see chat --help)");
            }
        }
        negation(cli, "no-color", "color", "never", problems);
        negation(cli, "no-reconnect", "reconnect", "false", problems);

        Path configFile = null;
        Map<String, String> file = Map.of();
        String explicitConfig = cli.getOrDefault("config", env.get("CHAT_CONFIG"));
        Path candidate = explicitConfig != null ? Path.of(expandHome(explicitConfig)) : defaultConfigFile();
        if (explicitConfig != null && !Files.isRegularFile(candidate)) {
            problems.add("config file " + candidate + " does not exist");
        } else if (Files.isRegularFile(candidate)) {
            configFile = candidate;
            file = readConfig(candidate, problems);
        }

        Map<String, String> merged = new HashMap<>();
        Map<String, String> fromFile = new HashMap<>(file);
        negation(fromFile, "no-color", "color", "never", problems);
        negation(fromFile, "no-reconnect", "reconnect", "false", problems);
        merged.putAll(fromFile);
        ENV.forEach((option, variable) -> {
            String v = env.get(variable);
            if (v != null && !v.isEmpty()) {
                merged.put(option, v);
            }
        });
        merged.putAll(cli);

        String host = merged.getOrDefault("host", "localhost").strip();
        if (host.isEmpty()) {
            problems.add("--host is empty");
        }
        int port = ProtocolDefaults.PORT;
        if (merged.containsKey("port")) {
            try {
                port = Integer.parseInt(merged.get("port").strip());
                if (port < 1 || port > 65535) {
                    problems.add("--port must be between 1 and 65535, not " + port);
                }
            } catch (NumberFormatException e) {
                problems.add("--port must be a number, not '" + merged.get("port") + "'");
            }
        }
        String user = merged.get("user");
        if (user == null && osUser != null && UserNames.isValid(osUser)) {
            user = osUser;
        }
        if (user != null && !UserNames.isValid(user)) {
            problems.add("user name '" + user + "' is not allowed: use 1 to 32 letters, digits, '_', '.' or '-'");
        }
        List<String> warnings = new ArrayList<>();
        String password = merged.get("password");
        if (password != null && password.isEmpty()) {
            password = null;
        }
        if (password != null && cli.containsKey("password")) {
            warnings.add("a password on the command line can be seen by other users of this machine (ps);"
                    + " prefer --password-file FILE or a bare --password, which asks without echo");
        }
        String passwordFile = merged.get("password-file");
        if (password == null && passwordFile != null && !passwordFile.isBlank()) {
            password = readPasswordFile(Path.of(expandHome(passwordFile.strip())), problems);
        }
        askPassword |= bool(merged.get("ask-password"), "--ask-password", problems);

        Path downloads = merged.containsKey("downloads")
                ? Path.of(expandHome(merged.get("downloads")))
                : home.resolve("Downloads").resolve("tcp-chat");

        long autoDownload = DEFAULT_AUTO_DOWNLOAD;
        String auto = merged.get("auto-download");
        if (auto != null) {
            String a = auto.strip().toLowerCase(Locale.ROOT);
            if (a.equals("off") || a.equals("false") || a.equals("no")) {
                autoDownload = 0;
            } else {
                try {
                    autoDownload = Sizes.parse(a);
                } catch (IllegalArgumentException e) {
                    problems.add("--auto-download: " + e.getMessage());
                }
            }
        }

        ClientOptions.Color color = ClientOptions.Color.AUTO;
        if (merged.containsKey("color")) {
            try {
                color = ClientOptions.Color.valueOf(merged.get("color").strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add("--color must be auto, always or never");
            }
        } else if (env.containsKey("NO_COLOR") && !env.get("NO_COLOR").isEmpty()) {
            color = ClientOptions.Color.NEVER; // https://no-color.org
        }

        String timeFormat = merged.getOrDefault("time-format", "HH:mm");
        try {
            java.time.format.DateTimeFormatter.ofPattern(timeFormat, Locale.ROOT)
                    .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            problems.add("--time-format: not a time pattern: '" + timeFormat + "' (try HH:mm:ss or h:mm a)");
            timeFormat = "HH:mm";
        }

        boolean reconnect = !merged.containsKey("reconnect") || bool(merged.get("reconnect"), "--reconnect", problems);
        boolean insecure = bool(merged.get("insecure"), "--insecure", problems);
        String truststore = merged.get("truststore");
        // a truststore or --insecure only makes sense with TLS: they turn it on
        boolean tls = bool(merged.get("tls"), "--tls", problems) || insecure || truststore != null;
        if (truststore != null && !Files.isRegularFile(Path.of(expandHome(truststore)))) {
            problems.add("truststore " + truststore + " does not exist");
        }

        Path script = null;
        if (cli.containsKey("script")) {
            script = Path.of(expandHome(cli.get("script")));
        } else if (!command.isEmpty() && command.getFirst().startsWith("@") && command.getFirst().length() > 1) {
            script = Path.of(expandHome(command.getFirst().substring(1))); // Spring Shell's @file convention
            command = command.subList(1, command.size());
        }
        if (script != null && !command.isEmpty()) {
            problems.add("give either a script or a command, not both");
        }

        String room = merged.get("room");
        if (room != null && !room.isBlank()) {
            String r = room.strip();
            if (io.tcpchat.protocol.RoomNames.fold(r.startsWith("#") ? r : "#" + r) == null) {
                problems.add("--room: '" + r + "' is no room name: " + io.tcpchat.protocol.RoomNames.RULE);
            }
        } else {
            room = null;
        }
        String historyValue = merged.get("history");
        Path history = historyValue == null ? defaultHistoryFile()
                : historyValue.isBlank() || historyValue.strip().equalsIgnoreCase("off") ? null
                : Path.of(expandHome(historyValue.strip()));

        return new ClientOptions(host, port, user, password, askPassword, downloads, autoDownload, color,
                reconnect, tls, truststore == null ? null : expandHome(truststore), merged.get("truststore-password"),
                insecure, configFile, List.copyOf(command), script,
                bool(cli.get("help"), "--help", problems), bool(cli.get("version"), "--version", problems),
                List.copyOf(problems), timeFormat, List.copyOf(warnings), room, history);
    }

    /** The "no-" switch {@code negation} means {@code option=value}, unless that option is given too. */
    private static void negation(Map<String, String> values, String negation, String option, String value,
                                 List<String> problems) {
        String given = values.get(negation);
        if (given != null && bool(given, "--" + negation, problems)) {
            values.putIfAbsent(option, value);
        }
    }

    /** The first line of the file, as written by {@code echo pw > file}. */
    private static String readPasswordFile(Path file, List<String> problems) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            if (first.isEmpty()) {
                problems.add("password file " + file + " is empty");
                return null;
            }
            return first;
        } catch (IOException e) {
            problems.add("cannot read password file " + file + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private static boolean isSpringArgument(String arg) {
        return arg.startsWith("--spring.") || arg.startsWith("--logging.") || arg.equals("--debug")
                || arg.equals("--trace");
    }

    /** Typed lines across sessions: {@code $XDG_DATA_HOME/tcp-chat/history}, as other XDG programs keep theirs. */
    private Path defaultHistoryFile() {
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("tcp-chat").resolve("history");
    }

    private Path defaultConfigFile() {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config");
        return base.resolve("tcp-chat").resolve("client.properties");
    }

    private String expandHome(String path) {
        if (path.equals("~")) {
            return home.toString();
        }
        if (path.startsWith("~/")) {
            return home.resolve(path.substring(2)).toString();
        }
        return path;
    }

    private static Map<String, String> readConfig(Path file, List<String> problems) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return Map.of();
        }
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String option = key.strip();
            if (ENV.containsKey(option) || FILE_ONLY_KEYS.contains(option)) {
                values.put(option, properties.getProperty(key).strip());
            } else {
                problems.add("config file " + file + ": unknown key '" + option + "'");
            }
        }
        return values;
    }

    private static boolean bool(String value, String option, List<String> problems) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> {
                problems.add(option + " must be true or false, not '" + value + "'");
                yield false;
            }
        };
    }
}
