package io.tcpchat.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SafeNamesTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "../../etc/passwd|passwd",
            "C:\\Users\\x\\a.txt|a.txt",
            "a..b.txt|a_b.txt",
            "....|file",
            "..|file",
            ".|file",
            "''|file",
            "   |file",
            "report.pdf|report.pdf",
            ".hidden|.hidden",
            "dir/|file",
            "ok..|ok_",
    })
    void makesSafeBaseNames(String in, String out) {
        assertThat(SafeNames.baseName(in)).isEqualTo(out);
    }

    @Test
    void dropsControlCharacters() {
        assertThat(SafeNames.baseName("bell\u0007\u001b[31m.txt\n")).isEqualTo("bell[31m.txt");
        assertThat(SafeNames.baseName("a\u0085b")).isEqualTo("ab");
        assertThat(SafeNames.baseName(null)).isEqualTo("file");
    }

    @Test
    void cutsTo255BytesOnACodePointAndKeepsTheExtension() {
        String name = "é".repeat(300) + ".tar.gz";
        String safe = SafeNames.baseName(name);
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(safe).endsWith(".gz").doesNotContain("\uFFFD");
        String emoji = "😀".repeat(100);
        assertThat(SafeNames.baseName(emoji).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(Texts.hasLoneSurrogate(SafeNames.baseName(emoji))).isFalse();
    }

    @Test
    void neverLeavesASeparatorOrDotDot() {
        RandomEvents random = new RandomEvents(7);
        for (int i = 0; i < 5000; i++) {
            String s = random.text(0, 40).replace('a', '/').replace('b', '\\').replace('c', '.');
            String safe = SafeNames.baseName(s);
            assertThat(safe).isNotEmpty().doesNotContain("/", "\\", "..");
            assertThat(safe.codePoints().noneMatch(Character::isISOControl)).isTrue();
        }
    }
}
