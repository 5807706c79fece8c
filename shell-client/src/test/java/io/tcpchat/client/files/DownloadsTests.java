package io.tcpchat.client.files;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadsTests {

    @TempDir
    Path dir;

    /** Requests the downloads made: file and offset. */
    final List<long[]> requests = new CopyOnWriteArrayList<>();
    final List<String> told = new CopyOnWriteArrayList<>();
    final TransferListener listener = new TransferListener() {
        @Override
        public void started(Download download, boolean resumed) {
            told.add((resumed ? "resumed " : "started ") + download.name());
        }

        @Override
        public void saved(Download download, Path file) {
            told.add("saved " + file.getFileName());
        }

        @Override
        public void failed(Download download, String why) {
            told.add("failed " + why);
        }
    };
    int refs;
    Downloads downloads;

    @BeforeEach
    void downloads() {
        downloads = new Downloads(dir.resolve("downloads"), (file, offset) -> {
            requests.add(new long[] {file, offset});
            return "r" + (++refs);
        }, listener);
    }

    static String sha(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    void deliver(long file, String name, byte[] data, long from, int chunk) throws Exception {
        downloads.onStart(new ServerEvent.DownloadStart(file, name, data.length, sha(data), from, null));
        for (int at = (int) from; at < data.length; at += chunk) {
            int n = Math.min(chunk, data.length - at);
            byte[] piece = new byte[n];
            System.arraycopy(data, at, piece, 0, n);
            downloads.onData(new Frame.Data(file, at, piece));
        }
        downloads.onEnd(new ServerEvent.DownloadEnd(file, null));
    }

    @Test
    void savesAVerifiedFileUnderItsSafeName() throws Exception {
        byte[] data = bytes("hello, downloads");
        Download d = downloads.start(7, "../../evil/notes.txt", data.length, sha(data), "bob", true);
        assertThat(requests).singleElement().satisfies(r -> assertThat(r).containsExactly(7, 0));

        deliver(7, "../../evil/notes.txt", data, 0, 5);

        Path saved = d.result().getNow(null);
        assertThat(saved).isEqualTo(downloads.dir().resolve("notes.txt"));
        assertThat(Files.readAllBytes(saved)).isEqualTo(data);
        assertThat(told).containsExactly("started ../../evil/notes.txt", "saved notes.txt");
        assertThat(downloads.active()).isEmpty();
        try (var left = Files.list(downloads.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void neverOverwritesAFileThatIsThere() throws Exception {
        Files.createDirectories(downloads.dir());
        Files.writeString(downloads.dir().resolve("a.txt"), "mine");
        byte[] data = bytes("theirs");
        Download d = downloads.start(1, "a.txt", data.length, sha(data), "bob", false);
        deliver(1, "a.txt", data, 0, 100);

        assertThat(d.result().getNow(null).getFileName().toString()).isEqualTo("a (1).txt");
        assertThat(Files.readString(downloads.dir().resolve("a.txt"))).isEqualTo("mine");
    }

    @Test
    void aDamagedFileIsDiscarded() throws Exception {
        byte[] data = bytes("the real thing");
        Download d = downloads.start(2, "x.bin", data.length, sha(bytes("something else!")), "bob", true);
        downloads.onStart(new ServerEvent.DownloadStart(2, "x.bin", data.length, sha(bytes("something else!")), 0,
                null));
        downloads.onData(new Frame.Data(2, 0, data));
        downloads.onEnd(new ServerEvent.DownloadEnd(2, null));

        assertThat(d.result()).isCompletedExceptionally();
        assertThat(told).last().asString().startsWith("failed The file arrived damaged");
        try (var left = Files.list(downloads.dir())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aPartialFileIsResumedFromWhereItStopped() throws Exception {
        byte[] data = bytes("0123456789abcdefghij");
        Download first = downloads.start(5, "r.txt", data.length, sha(data), "bob", false);
        downloads.onStart(new ServerEvent.DownloadStart(5, "r.txt", data.length, sha(data), 0, null));
        downloads.onData(new Frame.Data(5, 0, java.util.Arrays.copyOf(data, 8)));
        downloads.abandonAll("connection lost");
        assertThat(first.result()).isCompletedExceptionally();

        Download second = downloads.start(5, null, -1, null, null, false);
        assertThat(requests).last().satisfies(r -> assertThat(r).containsExactly(5, 8));
        assertThat(second.resumedFrom()).isEqualTo(8);
        assertThat(told).last().isEqualTo("resumed null");
        deliver(5, "r.txt", data, 8, 4);

        assertThat(Files.readAllBytes(second.result().getNow(null))).isEqualTo(data);
        assertThat(second.result().getNow(null).getFileName().toString()).isEqualTo("r.txt");
    }

    @Test
    void theServerMayStartOverAndSoDoWe() throws Exception {
        Files.createDirectories(downloads.dir());
        Files.writeString(downloads.dir().resolve("s.txt.3.part"), "stale bytes");
        byte[] data = bytes("fresh content here");
        Download d = downloads.start(3, "s.txt", data.length, sha(data), "bob", false);
        assertThat(requests).last().satisfies(r -> assertThat(r).containsExactly(3, 11));
        deliver(3, "s.txt", data, 0, 7); // the server answers from 0

        assertThat(Files.readAllBytes(d.result().getNow(null))).isEqualTo(data);
    }

    @Test
    void bytesOutOfOrderStopTheDownloadButKeepThePartialFile() throws Exception {
        byte[] data = bytes("abcdefgh");
        Download d = downloads.start(4, "o.txt", data.length, sha(data), "bob", false);
        downloads.onStart(new ServerEvent.DownloadStart(4, "o.txt", data.length, sha(data), 0, null));
        downloads.onData(new Frame.Data(4, 0, bytes("abc")));
        downloads.onData(new Frame.Data(4, 5, bytes("fgh")));

        assertThat(d.result()).isCompletedExceptionally();
        assertThat(downloads.dir().resolve("o.txt.4.part")).hasContent("abc");
    }

    @Test
    void aServerErrorAboutTheFileEndsIt() throws Exception {
        Download d = downloads.start(6, "gone.txt", 3, "00", "bob", false);
        assertThat(downloads.onError(ServerEvent.ErrorEvent.of(ErrorCode.NOT_FOUND, "expired", "r1"))).isTrue();
        assertThat(d.result()).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                .havingCause().isInstanceOf(ChatException.class).withMessage("Not found: expired.");
        assertThat(downloads.onError(ServerEvent.ErrorEvent.of(ErrorCode.NOT_FOUND, "other", "r99"))).isFalse();
    }

    @Test
    void pathsUnderHomeAreShownWithATilde() {
        Path home = Path.of("/home/ada");
        assertThat(Downloads.display(Path.of("/home/ada/Downloads/tcp-chat/a.pdf"), home))
                .isEqualTo("~/Downloads/tcp-chat/a.pdf");
        assertThat(Downloads.display(Path.of("/srv/in/a.pdf"), home)).isEqualTo("/srv/in/a.pdf");
        assertThat(Downloads.display(Path.of("/home/adam/a.pdf"), home)).isEqualTo("/home/adam/a.pdf");
    }

    @Test
    void anEmptyFileIsSavedToo() throws Exception {
        Download d = downloads.start(8, "empty.txt", 0, sha(new byte[0]), "bob", false);
        downloads.onStart(new ServerEvent.DownloadStart(8, "empty.txt", 0, sha(new byte[0]), 0, null));
        downloads.onEnd(new ServerEvent.DownloadEnd(8, null));
        assertThat(d.result().getNow(null)).hasContent("");
    }
}
