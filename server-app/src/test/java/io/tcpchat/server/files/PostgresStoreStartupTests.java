package io.tcpchat.server.files;

import io.tcpchat.server.ChatServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** chat.files.store=postgres on the default H2 database: the server refuses to start, and says why. */
class PostgresStoreStartupTests {

    @Test
    void theServerRefusesToStartOnH2() {
        assertThatThrownBy(() -> SpringApplication.run(ChatServerApplication.class, "--chat.port=0",
                "--management.server.port=0", "--chat.files.store=postgres",
                "--spring.datasource.url=jdbc:h2:mem:pgstore-refused;DB_CLOSE_DELAY=-1"))
                .satisfies(e -> {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    assertThat(root).isInstanceOf(IllegalStateException.class).hasMessageContaining(
                            "chat.files.store=postgres needs spring.datasource to be PostgreSQL, but it is H2");
                });
    }
}
