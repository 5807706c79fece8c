package io.tcpchat.client.files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizesTests {

    @ParameterizedTest
    @CsvSource({
            "0, 0 B",
            "1023, 1023 B",
            "1024, 1.0 KiB",
            "1536, 1.5 KiB",
            "104857600, 100 MiB",
            "1073741824, 1.0 GiB",
    })
    void formatsForPeople(long bytes, String expected) {
        assertThat(Sizes.format(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0",
            "4096, 4096",
            "20k, 20480",
            "100MiB, 104857600",
            "100 MB, 104857600",
            "1.5G, 1610612736",
            "2tb, 2199023255552",
    })
    void parsesWhatPeopleWrite(String text, long expected) {
        assertThat(Sizes.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "lots", "-5", "5 parsecs", "1e9"})
    void refusesTheRest(String text) {
        assertThatThrownBy(() -> Sizes.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
