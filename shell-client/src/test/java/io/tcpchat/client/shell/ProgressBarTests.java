package io.tcpchat.client.shell;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTests {

    @Test
    void drawsFractionSizesAndRate() {
        ProgressBar bar = new ProgressBar(10, false);
        String line = bar.render("sending a.bin", 5L << 20, 10L << 20, 2_000_000_000L, 0);
        assertThat(line).isEqualTo("sending a.bin  [#####-----]  50%  5.0 MiB / 10.0 MiB  2.5 MiB/s");
    }

    @Test
    void startsEmptyAndEndsFull() {
        ProgressBar bar = new ProgressBar(4, true);
        assertThat(bar.render("x", 0, 100, 0, 0)).isEqualTo("x  [░░░░]   0%  0 B / 100 B");
        assertThat(bar.render("x", 100, 100, 0, 0)).isEqualTo("x  [████] 100%  100 B / 100 B");
        assertThat(bar.render("empty", 0, 0, 0, 0)).startsWith("empty  [████] 100%");
    }

    @Test
    void aResumedTransferCountsOnlyNewBytesInItsRate() {
        ProgressBar bar = new ProgressBar(2, false);
        assertThat(bar.render("r", 3 << 20, 4 << 20, 1_000_000_000L, 2 << 20)).endsWith("1.0 MiB/s");
    }
}
