package io.tcpchat.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClientOptionsParserTests {

    @TempDir
    Path home;

    final Map<String, String> env = new HashMap<>();

    ClientOptions parse(String... args) {
        return new ClientOptionsParser(env, home, "osuser").parse(List.of(args));
    }

    @Test
    void defaultsNeedNothing() {
        ClientOptions o = parse();
        assertThat(o.problems()).isEmpty();
        assertThat(o.host()).isEqualTo("localhost");
        assertThat(o.port()).isEqualTo(49152);
        assertThat(o.user()).isEqualTo("osuser");
        assertThat(o.password()).isNull();
        assertThat(o.downloads()).isEqualTo(home.resolve("Downloads/tcp-chat"));
        assertThat(o.autoDownloadLimit()).isZero(); // opt-in: nothing is fetched unasked
        assertThat(o.reconnect()).isTrue();
        assertThat(o.mode()).isEqualTo(ClientOptions.Mode.SESSION);
    }

    @Test
    void optionsTakeTheirValueAfterASpaceOrAnEqualsSign() {
        ClientOptions o = parse("--host", "chat.example", "--port=4000", "-u", "ada", "--downloads=/tmp/dl");
        assertThat(o.problems()).isEmpty();
        assertThat(o.host()).isEqualTo("chat.example");
        assertThat(o.port()).isEqualTo(4000);
        assertThat(o.user()).isEqualTo("ada");
        assertThat(o.downloads()).isEqualTo(Path.of("/tmp/dl"));
    }

    @Test
    void theFirstWordThatIsNoOptionStartsTheCommandAndKeepsTheRest() {
        ClientOptions o = parse("--user", "bot", "sendfile", "a.txt", "--to", "ada");
        assertThat(o.problems()).isEmpty();
        assertThat(o.user()).isEqualTo("bot");
        assertThat(o.command()).containsExactly("sendfile", "a.txt", "--to", "ada");
        assertThat(o.mode()).isEqualTo(ClientOptions.Mode.ONE_SHOT);
    }

    @Test
    void springArgumentsAreNeitherOptionsNorCommands() {
        ClientOptions o = parse("--logging.level.root=debug", "--spring.main.lazy-initialization=true", "--debug",
                "--user=bot", "send", "hi");
        assertThat(o.problems()).isEmpty();
        assertThat(o.command()).containsExactly("send", "hi");
    }

    @Test
    void aBarePasswordOptionAsksForIt() {
        assertThat(parse("--password").askPassword()).isTrue();
        assertThat(parse("--password", "--user", "x").askPassword()).isTrue();
        ClientOptions beforeCommand = parse("--password", "send", "hi");
        assertThat(beforeCommand.askPassword()).isTrue();
        assertThat(beforeCommand.command()).containsExactly("send", "hi");
        assertThat(parse("--password=send").password()).isEqualTo("send");
        ClientOptions given = parse("--password", "s3cret");
        assertThat(given.askPassword()).isFalse();
        assertThat(given.password()).isEqualTo("s3cret");
        assertThat(given.toString()).doesNotContain("s3cret");
    }

    @Test
    void commandLineBeatsEnvironmentBeatsConfigFile() throws Exception {
        Path config = home.resolve(".config/tcp-chat/client.properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "host=from-file\nport=1111\nuser=fileuser\nauto-download=2MiB\n");
        env.put("CHAT_PORT", "2222");
        env.put("CHAT_USER", "envuser");

        ClientOptions o = parse("--user", "cliuser");

        assertThat(o.problems()).isEmpty();
        assertThat(o.configFile()).isEqualTo(config);
        assertThat(o.host()).isEqualTo("from-file");
        assertThat(o.port()).isEqualTo(2222);
        assertThat(o.user()).isEqualTo("cliuser");
        assertThat(o.autoDownloadLimit()).isEqualTo(2L * 1024 * 1024);
    }

    @Test
    void xdgConfigHomeAndAnExplicitConfigFileAreHonoured() throws Exception {
        Path xdg = home.resolve("xdg");
        Files.createDirectories(xdg.resolve("tcp-chat"));
        Files.writeString(xdg.resolve("tcp-chat/client.properties"), "host=xdg-host\n");
        env.put("XDG_CONFIG_HOME", xdg.toString());
        assertThat(parse().host()).isEqualTo("xdg-host");

        Path other = Files.writeString(home.resolve("other.properties"), "host=other-host\n");
        assertThat(parse("--config", other.toString()).host()).isEqualTo("other-host");
        assertThat(parse("--config", home.resolve("missing").toString()).problems())
                .singleElement().asString().contains("does not exist");
    }

    @Test
    void mistakesAreSaidInWords() throws Exception {
        Path config = Files.writeString(home.resolve("bad.properties"), "colour=blue\n");
        ClientOptions o = parse("--port", "lots", "--user", "no spaces", "--frobnicate", "--auto-download", "huge",
                "--color=sometimes", "--config", config.toString(), "-x", "--host");
        assertThat(o.problems()).containsExactlyInAnyOrder(
                "--port must be a number, not 'lots'",
                "user name 'no spaces' is not allowed: use 1 to 32 letters, digits, '_', '.' or '-'",
                "unknown option --frobnicate (see chat --help)",
                "--auto-download: not a size: 'huge' (try 100MiB, 20k or 0)",
                "--color must be auto, always or never",
                "config file " + config + ": unknown key 'colour'",
                "unknown option -x (see chat --help)",
                "option --host needs a value");
    }

    @Test
    void portsOutsideTheRangeAreRefused() {
        assertThat(parse("--port", "0").problems()).containsExactly("--port must be between 1 and 65535, not 0");
        assertThat(parse("--port", "70000").problems()).hasSize(1);
    }

    @Test
    void scriptsComeFromAtFileOrScriptOption() {
        ClientOptions at = parse("--user", "bot", "@jobs.chat");
        assertThat(at.mode()).isEqualTo(ClientOptions.Mode.SCRIPT);
        assertThat(at.script()).isEqualTo(Path.of("jobs.chat"));
        assertThat(at.command()).isEmpty();
        assertThat(parse("--script", "x.chat").script()).isEqualTo(Path.of("x.chat"));
        assertThat(parse("--script", "x.chat", "send", "hi").problems())
                .containsExactly("give either a script or a command, not both");
    }

    @Test
    void colourFollowsTheOptionOrNoColor() {
        assertThat(parse().color()).isEqualTo(ClientOptions.Color.AUTO);
        assertThat(parse("--no-color").color()).isEqualTo(ClientOptions.Color.NEVER);
        assertThat(parse("--color", "always").color()).isEqualTo(ClientOptions.Color.ALWAYS);
        env.put("NO_COLOR", "1");
        assertThat(parse().color()).isEqualTo(ClientOptions.Color.NEVER);
    }

    @Test
    void tlsIsAskedForOrImpliedByATruststoreOrInsecure() throws Exception {
        Path trust = Files.writeString(home.resolve("trust.pem"), "-----BEGIN CERTIFICATE-----");
        assertThat(parse().tls()).isFalse();
        assertThat(parse("--tls").tls()).isTrue();
        ClientOptions withStore = parse("--truststore", trust.toString(), "--truststore-password", "pw");
        assertThat(withStore.problems()).isEmpty();
        assertThat(withStore.tls()).isTrue();
        assertThat(withStore.truststore()).isEqualTo(trust.toString());
        assertThat(withStore.truststorePassword()).isEqualTo("pw");
        ClientOptions insecure = parse("--insecure");
        assertThat(insecure.tls()).isTrue();
        assertThat(insecure.insecure()).isTrue();
        assertThat(parse("--truststore", "missing.p12").problems()).containsExactly("truststore missing.p12 does not exist");
        env.put("CHAT_TLS", "true");
        assertThat(parse().tls()).isTrue();
    }

    @Test
    void switchesAndSizes() {
        ClientOptions o = parse("--no-reconnect", "--auto-download", "5MiB", "--help", "-V");
        assertThat(o.reconnect()).isFalse();
        assertThat(o.autoDownloadLimit()).isEqualTo(5L * 1024 * 1024);
        assertThat(o.help()).isTrue();
        assertThat(o.version()).isTrue();
        assertThat(parse("--auto-download=0").autoDownloadLimit()).isZero();
    }

    @Test
    void theConfigFileTakesTheSwitchesTheReadmeNames() throws Exception {
        Path config = home.resolve(".config/tcp-chat/client.properties");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "no-reconnect=true\nno-color=true\nask-password=yes\n");
        ClientOptions o = parse();
        assertThat(o.problems()).isEmpty();
        assertThat(o.reconnect()).isFalse();
        assertThat(o.color()).isEqualTo(ClientOptions.Color.NEVER);
        assertThat(o.askPassword()).isTrue();
        env.put("CHAT_RECONNECT", "true"); // the environment still wins over the file
        assertThat(parse().reconnect()).isTrue();
        Files.writeString(config, "no-reconnect=false\n");
        assertThat(parse().reconnect()).isTrue();
    }

    @Test
    void aPasswordComesFromAFileAndOneOnTheCommandLineIsWarnedAbout() throws Exception {
        Path file = Files.writeString(home.resolve("pw"), "correct horse\n");
        ClientOptions fromFile = parse("--password-file", "~/pw");
        assertThat(fromFile.problems()).isEmpty();
        assertThat(fromFile.password()).isEqualTo("correct horse");
        assertThat(fromFile.warnings()).isEmpty();
        env.put("CHAT_PASSWORD_FILE", file.toString());
        assertThat(parse().password()).isEqualTo("correct horse");

        ClientOptions visible = parse("--password=hunter2");
        assertThat(visible.password()).isEqualTo("hunter2");
        assertThat(visible.warnings()).singleElement().asString().contains("seen by other users").contains("ps");
        assertThat(parse("--password-file", "~/missing").problems()).singleElement().asString()
                .startsWith("cannot read password file " + home.resolve("missing"));
    }

    @Test
    void aTimeFormatIsCheckedAtStart() {
        assertThat(parse().timeFormat()).isEqualTo("HH:mm");
        assertThat(parse("--time-format", "HH:mm:ss").timeFormat()).isEqualTo("HH:mm:ss");
        env.put("CHAT_TIME_FORMAT", "h:mm a");
        assertThat(parse().timeFormat()).isEqualTo("h:mm a");
        assertThat(parse("--time-format=HH:bogus").problems()).singleElement().asString()
                .startsWith("--time-format: not a time pattern: 'HH:bogus'");
    }

    @Test
    void anInvalidLoginNameIsNoDefault() {
        ClientOptions o = new ClientOptionsParser(env, home, "Jane Doe").parse(List.of());
        assertThat(o.user()).isNull();
        assertThat(o.problems()).isEmpty();
    }

    @Test
    void aTildeMeansHome() {
        assertThat(parse("--downloads", "~/in").downloads()).isEqualTo(home.resolve("in"));
    }
}
