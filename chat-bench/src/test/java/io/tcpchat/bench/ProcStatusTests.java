package io.tcpchat.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcStatusTests {

    @Test
    void vmRssIsReadFromTheStatusText() throws Exception {
        String status = "Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\nThreads:\t42\n";
        assertThat(ProcStatus.vmRssKib(status)).isEqualTo(123456);
        assertThatThrownBy(() -> ProcStatus.vmRssKib("Name:\tkthreadd\n")).isInstanceOf(IOException.class);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessHasAResidentSetSize() throws Exception {
        assertThat(ProcStatus.vmRssKib(ProcessHandle.current().pid())).isPositive();
    }
}
