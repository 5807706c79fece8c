package io.tcpchat.client.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafeFileNamesTests {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "report.pdf            | report.pdf",
            "../../etc/passwd      | passwd",
            "/etc/shadow           | shadow",
            "C:\\\\x\\\\report.pdf | report.pdf",
            "..                    | file",
            ".                     | file",
            ".bashrc               | _bashrc",
            "...hidden             | ___hidden",
            "'a\u0007b?.txt'       | a_b_.txt",
            "'tab\there'           | tab_here",
            "'x<y>z:\"q\"|*.txt'   | x_y_z__q___.txt",
            "'  spaced  '          | spaced",
            "'trailing. . '        | trailing",
            "CON                   | _CON",
            "nul.txt               | _nul.txt",
            "'évènement 😀.png'    | évènement 😀.png",
            "'rtl\u202Egnp.exe'    | rtl_gnp.exe",
            "dir/                  | file",
    })
    void keepsOnlyASafeBaseName(String announced, String expected) {
        assertThat(SafeFileNames.safeBaseName(announced)).isEqualTo(expected);
    }

    @Test
    void nullAndEmptyBecomeFile() {
        assertThat(SafeFileNames.safeBaseName(null)).isEqualTo("file");
        assertThat(SafeFileNames.safeBaseName("")).isEqualTo("file");
    }

    @Test
    void longNamesFitIn255BytesAndKeepTheirExtension() {
        String name = "é".repeat(300) + ".tar.gz";
        String safe = SafeFileNames.safeBaseName(name);
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(safe).endsWith(".tar.gz").startsWith("éé");
        String numbered = SafeFileNames.numbered(safe, 12);
        assertThat(numbered.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(numbered).endsWith(" (12).tar.gz");
    }

    @ParameterizedTest(name = "[{index}] {0} #{1} -> {2}")
    @CsvSource({
            "report.pdf, 0, report.pdf",
            "report.pdf, 1, report (1).pdf",
            "report.pdf, 2, report (2).pdf",
            "README, 1, README (1)",
            "archive.tar.gz, 1, archive (1).tar.gz",
            "_bashrc, 3, _bashrc (3)",
            "photo.final.jpeg, 1, photo.final (1).jpeg",
    })
    void numbersCollidingNamesBeforeTheExtension(String name, int n, String expected) {
        assertThat(SafeFileNames.numbered(name, n)).isEqualTo(expected);
    }

    @Test
    void movesToTheFirstFreeNameAndNeverOverwrites(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("report.pdf"), "first");
        Files.writeString(dir.resolve("report (1).pdf"), "second");
        Path incoming = Files.writeString(dir.resolve("incoming.part"), "third");

        Path saved = SafeFileNames.moveToFreeName(incoming, dir, "report.pdf");

        assertThat(saved).isEqualTo(dir.resolve("report (2).pdf"));
        assertThat(Files.readString(saved)).isEqualTo("third");
        assertThat(Files.readString(dir.resolve("report.pdf"))).isEqualTo("first");
        assertThat(Files.readString(dir.resolve("report (1).pdf"))).isEqualTo("second");
        assertThat(incoming).doesNotExist();
    }

    @Test
    void aDanglingLinkCountsAsTaken(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("x.txt"), dir.resolve("nowhere"));
        Path incoming = Files.writeString(dir.resolve("in.part"), "data");

        assertThat(SafeFileNames.moveToFreeName(incoming, dir, "x.txt")).isEqualTo(dir.resolve("x (1).txt"));
        assertThat(dir.resolve("nowhere")).doesNotExist();
    }

    @Test
    void refusesAnythingThatIsNotAPlainNameInside(@TempDir Path dir) {
        assertThatThrownBy(() -> SafeFileNames.inside(dir, "../escape")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SafeFileNames.inside(dir, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SafeFileNames.inside(dir, "ok.txt")).isEqualTo(dir.toAbsolutePath().resolve("ok.txt"));
    }
}
