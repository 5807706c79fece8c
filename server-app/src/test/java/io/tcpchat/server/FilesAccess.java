package io.tcpchat.server;

import io.tcpchat.protocol.ServerEvent;

import static org.assertj.core.api.Assertions.assertThat;

/** The file helpers, for tests in other packages. */
public final class FilesAccess {

    private FilesAccess() {
    }

    /** Uploads {@code size} deterministic bytes; returns the file id. */
    public static long upload(TestClient c, String name, long size) throws Exception {
        return Files.upload(c, name, new Files.Content(size, size), null).file();
    }

    /** Downloads the file whole and checks it against the same deterministic bytes. */
    public static void download(TestClient c, long file, long size) throws Exception {
        var content = new Files.Content(size, size);
        assertThat(Files.Download.start(c, file, 0, null).awaitSha256()).isEqualTo(content.sha256());
    }

    public static ServerEvent.UploadReady announce(TestClient c, String name, long size) throws Exception {
        return Files.announce(c, name, new Files.Content(size, size), null);
    }
}
