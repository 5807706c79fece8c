package io.tcpchat.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar chat-bench.jar fanout|rooms|files|idle|irc-fanout [options]}: runs one scenario against a
 * CHAT/1 server on a loopback address, prints a progress line a second on stderr and the
 * result on stdout (a table, or JSON with {@code --json}).
 *
 * <p>Exit status: 0 when the run passed every check, 1 when anything was lost, duplicated,
 * reordered, refused, timed out or failed its checksum, 2 for a mistake on the command line.
 */
public final class ChatBench {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private ChatBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit status; never calls {@link System#exit}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(usage());
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        String scenario = args[0];
        List<Options.Spec> specs = specs(scenario);
        if (specs == null) {
            err.println("chat-bench: unknown scenario '" + scenario + "'");
            err.print(usage());
            return EXIT_USAGE;
        }
        Report report;
        try {
            Options options = Options.parse(specs, Arrays.asList(args).subList(1, args.length));
            if (options.flag("help")) {
                out.print(help(scenario, specs));
                return EXIT_OK;
            }
            BenchSettings settings = BenchSettings.from(options);
            report = switch (scenario) {
                case FanoutScenario.NAME ->
                        new FanoutScenario(settings, FanoutScenario.Config.from(options), err).run();
                case RoomsScenario.NAME -> new RoomsScenario(settings, RoomsScenario.Config.from(options), err).run();
                case FilesScenario.NAME -> new FilesScenario(settings, FilesScenario.Config.from(options), err).run();
                case IdleScenario.NAME ->
                        new IdleScenario(settings, IdleScenario.Config.from(options, settings), err).run();
                case IrcFanoutScenario.NAME ->
                        new IrcFanoutScenario(settings, IrcFanoutScenario.Config.from(options), err).run();
                default -> throw new IllegalStateException(scenario);
            };
            out.print(settings.json() ? report.json() + "\n" : report.table());
            out.flush();
        } catch (Options.UsageException e) {
            err.println("chat-bench " + scenario + ": " + e.getMessage());
            err.println("see: chat-bench " + scenario + " --help");
            return EXIT_USAGE;
        } catch (RuntimeException e) {
            err.println("chat-bench " + scenario + ": internal error");
            e.printStackTrace(err);
            return EXIT_FAILED;
        }
        return report.ok() ? EXIT_OK : EXIT_FAILED;
    }

    /** The options of a scenario, common ones last, or {@code null} for no such scenario. */
    static List<Options.Spec> specs(String scenario) {
        List<Options.Spec> own = switch (scenario) {
            case FanoutScenario.NAME -> FanoutScenario.Config.specs();
            case RoomsScenario.NAME -> RoomsScenario.Config.specs();
            case FilesScenario.NAME -> FilesScenario.Config.specs();
            case IdleScenario.NAME -> IdleScenario.Config.specs();
            case IrcFanoutScenario.NAME -> IrcFanoutScenario.Config.specs();
            default -> null;
        };
        if (own == null) {
            return null;
        }
        List<Options.Spec> all = new ArrayList<>(own);
        all.addAll(BenchSettings.specs());
        return all;
    }

    private static String usage() {
        return """
                usage: java -jar chat-bench.jar <scenario> [options]
                  fanout   C clients, P of them send M messages of S bytes; checks order, loss, latency
                  rooms    a room of B members beside R busy rooms of K; as fanout, and nothing crosses rooms
                  files    one client uploads N MiB, R clients download it; MiB/s and SHA-256
                  idle     N idle logged-in connections; server RSS per connection with --server-pid
                  irc-fanout  fanout through the IRC gateway (--port: the IRC port), for comparison
                chat-bench <scenario> --help lists its options. Only loopback servers are accepted;
                --servers host:port,... spreads the clients round-robin over several (a cluster).
                """;
    }

    private static String help(String scenario, List<Options.Spec> specs) {
        return "usage: java -jar chat-bench.jar " + scenario + " [options]\n" + Options.help(specs);
    }
}
