package io.tcpchat.server;

import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.files.PostgresFiles;
import io.tcpchat.server.history.Databases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file larger than the server's whole heap goes into PostgreSQL large objects and comes
 * back out: the server runs in its own process with {@value #HEAP}, so a store that held
 * the file whole (64 MiB) anywhere, on the way in or out, would end it with an
 * OutOfMemoryError, and the upload or the download would fail.
 */
class PostgresFileStreamingTests {

    static final String HEAP = "-Xmx48m";
    static final long SIZE = 64L * 1024 * 1024;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aFileLargerThanTheServersHeapStreamsInAndOut() throws Exception {
        String schema = Databases.postgresSchema();
        Databases.postgres(schema);
        int port = ServerProcesses.freePort();
        Process server = start(Databases.postgresUrl(schema), port);
        try {
            ServerProcesses.awaitListening(server, port);
            var content = new Files.Content(64, SIZE);
            try (var up = TestClient.login(port, "bigUp"); var down = TestClient.login(port, "bigDown")) {
                up.await(ServerEvent.Joined.class, j -> j.user().equals("bigDown"));
                long file = Files.upload(up, "big.bin", content, null).file();
                down.await(ServerEvent.FileAvailable.class, f -> f.file() == file);
                var download = Files.Download.start(down, file, 0, null);
                assertThat(download.awaitSha256()).isEqualTo(content.sha256());
                assertThat(download.bytes.get()).isEqualTo(SIZE);
            }
            assertThat(server.isAlive()).as("the server survived (see %s)", dir.resolve("server.log")).isTrue();
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
            PostgresFiles.unlinkAll(schema);
            Databases.dropPostgres(schema);
        }
    }

    private Process start(String url, int port) throws IOException {
        return ServerProcesses.start(dir.resolve("server.log"), List.of(HEAP, "-XX:+ExitOnOutOfMemoryError"),
                "--chat.port=" + port, "--management.server.port=0", "--chat.limits.rate=0",
                "--chat.files.store=postgres", "--chat.files.dir=" + dir.resolve("files"),
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + Databases.POSTGRES_USER);
    }
}
