package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTests {

    private static final List<Options.Spec> SPECS = List.of(
            Options.Spec.value("clients", "C", "10", "clients"),
            Options.Spec.value("rate", "R", "0", "rate"),
            Options.Spec.value("name", "text", null, "a name"),
            Options.Spec.flag("json", "json"));

    private static Options parse(String... args) throws Options.UsageException {
        return Options.parse(SPECS, List.of(args));
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() throws Exception {
        Options options = parse();
        assertThat(options.intValue("clients")).isEqualTo(10);
        assertThat(options.doubleValue("rate")).isZero();
        assertThat(options.string("name")).isNull();
        assertThat(options.has("clients")).isFalse();
        assertThat(options.flag("json")).isFalse();
    }

    @Test
    void valuesComeSeparatedOrAfterAnEqualsSign() throws Exception {
        Options options = parse("--clients", "50", "--rate=2500.5", "--name=a=b", "--json");
        assertThat(options.intValue("clients")).isEqualTo(50);
        assertThat(options.has("clients")).isTrue();
        assertThat(options.doubleValue("rate")).isEqualTo(2500.5);
        assertThat(options.string("name")).isEqualTo("a=b");
        assertThat(options.flag("json")).isTrue();
    }

    @Test
    void underscoresGroupDigits() throws Exception {
        assertThat(parse("--clients", "1_000").intValue("clients")).isEqualTo(1000);
    }

    @Test
    void mistakesAreUsageErrorsThatNameTheOption() {
        assertThatThrownBy(() -> parse("--nope", "1")).isInstanceOf(Options.UsageException.class)
                .hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> parse("--clients")).hasMessageContaining("--clients needs a value");
        assertThatThrownBy(() -> parse("--clients", "ten").intValue("clients"))
                .hasMessageContaining("'ten' is not a whole number");
        assertThatThrownBy(() -> parse("--rate", "NaN").doubleValue("rate")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> parse("--clients", "1", "--clients", "2")).hasMessageContaining("given twice");
        assertThatThrownBy(() -> parse("--json=yes")).hasMessageContaining("takes no value");
        assertThatThrownBy(() -> parse("clients")).hasMessageContaining("unexpected argument 'clients'");
        assertThatThrownBy(() -> parse("--clients", "99999999999").intValue("clients"))
                .hasMessageContaining("out of range");
    }

    @Test
    void rangesAreChecked() throws Exception {
        assertThat(parse("--clients", "5").intIn("clients", 2, 10)).isEqualTo(5);
        assertThatThrownBy(() -> parse("--clients", "1").intIn("clients", 2, 10))
                .hasMessage("option --clients must be between 2 and 10, not 1");
        assertThatThrownBy(() -> parse().intValue("name")).hasMessage("option --name is required");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        String help = Options.help(SPECS);
        assertThat(help).contains("--clients <C>", "(default 10)", "--json", "--name <text>");
        assertThat(help.lines()).hasSize(SPECS.size());
    }

    @Test
    void everyScenarioParsesItsDefaults() throws Exception {
        for (String scenario : List.of("fanout", "files", "idle")) {
            Options options = Options.parse(ChatBench.specs(scenario), List.of());
            BenchSettings settings = BenchSettings.from(options);
            assertThat(settings.server().getPort()).isEqualTo(49152);
            assertThat(settings.server().getAddress().isLoopbackAddress()).isTrue();
        }
        FanoutScenario.Config fanout = FanoutScenario.Config.from(
                Options.parse(ChatBench.specs("fanout"), List.of("--clients", "20", "--senders", "5")));
        assertThat(fanout).isEqualTo(new FanoutScenario.Config(20, 5, 1000, 100, 0, 64, 0));
        assertThat(fanout.expectedDeliveries()).isEqualTo(5L * 1000 * 19);
        assertThat(FanoutScenario.Config.from(Options.parse(ChatBench.specs("fanout"), List.of())).senders())
                .isEqualTo(10);
        FilesScenario.Config files = FilesScenario.Config.from(
                Options.parse(ChatBench.specs("files"), List.of("--size-mb", "1.5", "--seed", "7")));
        assertThat(files).isEqualTo(new FilesScenario.Config(1536 * 1024, 2, 7));
    }

    @Test
    void scenarioChecksRefuseImpossibleRuns() throws Exception {
        assertThatThrownBy(() -> FanoutScenario.Config.from(Options.parse(ChatBench.specs("fanout"),
                List.of("--clients", "5", "--senders", "6")))).hasMessageContaining("--senders");
        assertThatThrownBy(() -> FanoutScenario.Config.from(Options.parse(ChatBench.specs("fanout"),
                List.of("--size", "10")))).hasMessageContaining("--size");
        Options idle = Options.parse(ChatBench.specs("idle"), List.of("--hold", "60", "--timeout", "30"));
        assertThatThrownBy(() -> IdleScenario.Config.from(idle, BenchSettings.from(idle)))
                .hasMessageContaining("shorter than --timeout");
    }

    @Test
    void onlyLoopbackHostsAreAccepted() throws Exception {
        assertThatThrownBy(() -> BenchSettings.from(Options.parse(ChatBench.specs("fanout"),
                List.of("--host", "192.0.2.1")))).hasMessageContaining("not a loopback address");
        assertThat(BenchSettings.from(Options.parse(ChatBench.specs("fanout"), List.of("--host", "::1")))
                .server().getAddress().isLoopbackAddress()).isTrue();
        assertThat(BenchSettings.from(Options.parse(ChatBench.specs("fanout"), List.of("--host", "127.0.0.9")))
                .server().getAddress().getHostAddress()).isEqualTo("127.0.0.9");
    }

    @Test
    void serversTakeClientsRoundRobin() throws Exception {
        BenchSettings settings = BenchSettings.from(Options.parse(ChatBench.specs("fanout"),
                List.of("--servers", "127.0.0.1:5001, 127.0.0.2:5002,[::1]:5003")));
        assertThat(settings.servers()).extracting(InetSocketAddress::getPort).containsExactly(5001, 5002, 5003);
        assertThat(settings.servers().get(2).getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(IntStream.range(0, 7).mapToObj(settings::server).map(InetSocketAddress::getPort))
                .containsExactly(5001, 5002, 5003, 5001, 5002, 5003, 5001);
        assertThat(settings.sourceAddress(2)).as("an IPv6 server: the system picks the source").isNull();
        BenchSettings one = BenchSettings.from(Options.parse(ChatBench.specs("idle"), List.of("--port", "6000")));
        assertThat(one.servers()).hasSize(1);
        assertThat(one.server(5).getPort()).isEqualTo(6000);
    }

    @Test
    void serversAreCheckedAndExcludeHostAndPort() {
        for (String other : List.of("--host", "--port")) {
            assertThatThrownBy(() -> BenchSettings.from(Options.parse(ChatBench.specs("fanout"),
                    List.of("--servers", "127.0.0.1:5001", other, other.equals("--host") ? "127.0.0.1" : "5001"))))
                    .hasMessage("--servers names every server: give either --servers or --host/--port, not both");
        }
        assertThatThrownBy(() -> BenchSettings.from(Options.parse(ChatBench.specs("fanout"),
                List.of("--servers", "127.0.0.1:5001,192.0.2.1:5002")))).hasMessageContaining("not a loopback address");
        for (String bad : List.of("127.0.0.1", "127.0.0.1:", "127.0.0.1:0", "127.0.0.1:x", "127.0.0.1:5001,", "[::1:5")) {
            assertThatThrownBy(() -> BenchSettings.from(Options.parse(ChatBench.specs("fanout"),
                    List.of("--servers", bad)))).as(bad).isInstanceOf(Options.UsageException.class)
                    .hasMessageContaining("--servers");
        }
        assertThatThrownBy(() -> BenchSettings.from(Options.parse(ChatBench.specs("idle"),
                List.of("--servers", "127.0.0.1:5001,127.0.0.1:5002", "--server-pid", "1"))))
                .hasMessageContaining("--server-pid measures one server");
    }

    @Test
    void userPrefixMustMakeValidNames() throws Exception {
        BenchSettings settings = BenchSettings.from(Options.parse(ChatBench.specs("idle"),
                List.of("--user-prefix", "load.")));
        assertThat(settings.user(12)).isEqualTo("load.12");
        assertThat(BenchSettings.from(Options.parse(ChatBench.specs("idle"), List.of())).user(0))
                .matches("bench[a-z0-9]+_0");
        assertThatThrownBy(() -> BenchSettings.from(Options.parse(ChatBench.specs("idle"),
                List.of("--user-prefix", "bad name")))).hasMessageContaining("--user-prefix");
    }
}
