package io.tcpchat.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProcessCpuTests {

    @Test
    void readsUserPlusSystemTicksAfterTheCommandName() {
        // a command name with a space and a parenthesis must not shift the fields
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 566 0 0 20 0 40 0 99 0 0";
        assertThat(ProcessCpu.parse(stat)).isCloseTo(18.0, within(1e-9));
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcessCpu.readable(pid)).isTrue();
        assertThat(ProcessCpu.seconds(pid)).isGreaterThanOrEqualTo(0.0);
        assertThat(ProcessCpu.seconds(-1)).isEqualTo(-1.0);
    }
}
