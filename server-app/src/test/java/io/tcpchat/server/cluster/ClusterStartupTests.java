package io.tcpchat.server.cluster;

import io.tcpchat.server.ChatServerApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A cluster needs one database every replica shares: on H2 the server refuses to start, and says why. */
class ClusterStartupTests {

    @TempDir
    Path dir;

    @Test
    void refusesToStartOnH2() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ChatServerApplication.class).run(
                "--chat.port=0", "--management.server.port=0", "--chat.cluster.enabled=true",
                "--chat.files.dir=" + dir.resolve("files"),
                "--spring.datasource.url=jdbc:h2:mem:cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1").close())
                .rootCause().hasMessageContaining("chat.cluster.enabled needs PostgreSQL");
    }
}
