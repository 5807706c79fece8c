package io.tcpchat.bench;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code files}: one client uploads a file of pseudo-random bytes ({@link RandomContent},
 * never held whole), R others download it once the server announces it, and everyone checks
 * the SHA-256.
 *
 * <pre>
 * sender:    upload{name,size,sha256} → upload.ready{file,chunk} → D frames → ack{seq,file}
 * receivers: file{file,...} → download{file} → download.start → D frames → download.end
 * </pre>
 *
 * Upload speed counts from the first D frame to the {@code ack}; download speed from the
 * {@code download} request to {@code download.end}, per receiver and over all of them.
 */
final class FilesScenario {

    static final String NAME = "files";
    private static final String UPLOAD_REF = "bench-upload";
    private static final String DOWNLOAD_REF = "bench-download";
    private static final double MIB = 1024 * 1024;

    record Config(long size, int receivers, long seed) {

        static List<Options.Spec> specs() {
            return List.of(
                    Options.Spec.value("size-mb", "N", "10", "file size in MiB (may be fractional, e.g. 0.5)"),
                    Options.Spec.value("receivers", "R", "2", "clients that download the file"),
                    Options.Spec.value("seed", "n", null, "seed of the file's bytes (default: random)"));
        }

        static Config from(Options options) throws Options.UsageException {
            double mib = options.doubleValue("size-mb");
            if (mib < 0 || mib > 1024 * 1024) {
                throw new Options.UsageException("option --size-mb must be between 0 and 1048576");
            }
            int receivers = options.intIn("receivers", 0, 100_000);
            long seed = options.has("seed") ? options.longValue("seed") : ThreadLocalRandom.current().nextLong();
            return new Config(Math.round(mib * MIB), receivers, seed);
        }
    }

    /** What one receiver got: the bytes, when, and whether the digest matched. */
    private record Download(long bytes, long startNanos, long endNanos, boolean sha256Ok) {

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private final BenchSettings settings;
    private final Config config;
    private final PrintStream err;
    private final EventCodec codec = new EventCodec();
    private final RandomContent content;
    private final String name;
    private final Report report = new Report(NAME);
    private final LongAdder loggedIn = new LongAdder();
    private final LongAdder uploaded = new LongAdder();
    private final LongAdder downloaded = new LongAdder();
    private volatile String sha256;
    private volatile boolean closing;
    private volatile String phase = "login";

    FilesScenario(BenchSettings settings, Config config, PrintStream err) {
        this.settings = settings;
        this.config = config;
        this.err = err;
        this.content = new RandomContent(config.seed());
        this.name = "chat-bench-" + Long.toHexString(config.seed()) + ".bin";
    }

    Report run() {
        Deadline deadline = Deadline.after(settings.timeout());
        report.add("size_bytes", "file size", config.size(), "bytes")
                .add("size_mib", "file size (MiB)", config.size() / MIB, "MiB")
                .add("receivers", "receivers", config.receivers())
                .add("seed", "seed", config.seed());
        List<BenchConnection> connections = List.of();
        List<Thread> readers = new ArrayList<>();
        List<CompletableFuture<Download>> downloads = new ArrayList<>();
        CompletableFuture<ServerEvent.UploadReady> ready = new CompletableFuture<>();
        CompletableFuture<ServerEvent.Ack> ack = new CompletableFuture<>();
        long uploadStart = 0;
        long uploadEnd = 0;
        try (Progress progress = new Progress(NAME, err, !settings.quiet(), this::progressLine)) {
            connections = Logins.openAll(settings, 0, config.receivers() + 1, BenchConnection.Buffers.BUSY, codec,
                    deadline, loggedIn);
            BenchConnection sender = connections.getFirst();
            long maxFileSize = sender.welcome().limits().maxFileSize();
            if (config.size() > maxFileSize) {
                throw new IOException("the file's " + config.size() + " bytes exceed the server's maxFileSize "
                        + maxFileSize);
            }
            phase = "hashing";
            long hashStart = System.nanoTime();
            sha256 = content.sha256(config.size());
            double hashSeconds = (System.nanoTime() - hashStart) / 1e9;
            report.add("sha256", "sha256", sha256)
                    .add("generate_hash_s", "local generate + hash", hashSeconds, "s");

            OnlineCheck online = new OnlineCheck(connections.stream().map(BenchConnection::user).toList());
            readers.add(Thread.ofVirtual().name("read-sender")
                    .start(() -> readSender(sender, online, ready, ack)));
            for (int i = 1; i < connections.size(); i++) {
                BenchConnection receiver = connections.get(i);
                CompletableFuture<Download> download = new CompletableFuture<>();
                downloads.add(download);
                readers.add(Thread.ofVirtual().name("read-" + i)
                        .start(() -> readReceiver(receiver, sender.user(), download)));
            }
            phase = "waiting for every user to be online";
            online.await(sender, deadline);

            phase = "uploading";
            sender.send(new ClientEvent.Upload(name, config.size(), sha256, null, UPLOAD_REF));
            ServerEvent.UploadReady go = get(ready, deadline);
            int maxChunk = sender.welcome().limits().maxFrame() - 1 - Frame.DATA_HEADER_BYTES;
            int chunk = Math.max(1, Math.min(go.chunk(), maxChunk));
            uploadStart = System.nanoTime();
            upload(sender, go.file(), chunk);
            ServerEvent.Ack done = get(ack, deadline);
            uploadEnd = System.nanoTime();
            report.add("file", "file id", done.file());

            phase = "downloading";
            for (CompletableFuture<Download> download : downloads) {
                get(download, deadline);
            }
        } catch (IOException e) {
            report.problem(phase + ": " + e.getMessage());
        } finally {
            closing = true;
            connections.forEach(BenchConnection::sendBye);
            joinAll(readers, deadline.within(Duration.ofSeconds(5)));
            connections.forEach(BenchConnection::close);
            joinAll(readers, deadline.within(Duration.ofSeconds(2)));
        }
        summarize(uploadStart, uploadEnd, downloads);
        return report;
    }

    /** Streams the file as D frames of at most {@code chunk} bytes, without copying it whole. */
    private void upload(BenchConnection sender, long file, int chunk) throws IOException {
        byte[] buf = new byte[(int) Math.min(chunk, Math.max(1, config.size()))];
        for (long offset = 0; offset < config.size(); ) {
            int n = (int) Math.min(buf.length, config.size() - offset);
            content.fill(offset, buf, 0, n);
            sender.write(dataHeader(file, offset, n));
            sender.write(buf, 0, n);
            offset += n;
            uploaded.add(n);
        }
        sender.flush();
    }

    /**
     * The first bytes of a D frame carrying {@code len} data bytes (see {@link Frame}):
     * {@code length u32 | 'D' | file u64 | offset u64}. Written before the data straight from
     * the chunk buffer, so the data is not copied into a frame array.
     */
    static byte[] dataHeader(long file, long offset, int len) {
        byte[] h = new byte[Frame.HEADER_BYTES + Frame.DATA_HEADER_BYTES];
        int length = 1 + Frame.DATA_HEADER_BYTES + len;
        for (int i = 0; i < 4; i++) {
            h[i] = (byte) (length >>> (24 - 8 * i));
        }
        h[4] = Frame.KIND_DATA;
        for (int i = 0; i < 8; i++) {
            h[5 + i] = (byte) (file >>> (56 - 8 * i));
            h[13 + i] = (byte) (offset >>> (56 - 8 * i));
        }
        return h;
    }

    private void readSender(BenchConnection sender, OnlineCheck online,
                            CompletableFuture<ServerEvent.UploadReady> ready, CompletableFuture<ServerEvent.Ack> ack) {
        IOException end = new IOException("connection closed by the server");
        try {
            ServerEvent event;
            while ((event = sender.readEvent()) != null) {
                switch (event) {
                    case ServerEvent.UploadReady r when UPLOAD_REF.equals(r.ref()) -> ready.complete(r);
                    case ServerEvent.Ack a when a.file() != null && ready.isDone() -> ack.complete(a);
                    case ServerEvent.ErrorEvent e when UPLOAD_REF.equals(e.ref()) || e.file() != null -> {
                        IOException refused = new IOException("server error " + e.code() + ": " + e.message());
                        ready.completeExceptionally(refused);
                        ack.completeExceptionally(refused);
                    }
                    case ServerEvent.ErrorEvent e ->
                            report.problem(sender.user() + ": error " + e.code() + ": " + e.message());
                    case ServerEvent.Users u -> online.offer(u);
                    case ServerEvent.Ping p -> sender.send(new ClientEvent.Pong(p.ref()));
                    default -> {
                        // joined, left and the rest tell nothing about the run
                    }
                }
            }
        } catch (IOException e) {
            end = e;
        } finally {
            if (!closing) {
                online.fail(end);
                ready.completeExceptionally(end);
                ack.completeExceptionally(end);
            }
        }
    }

    /** A receiver: waits for the announcement, downloads, checks offsets, size and digest. */
    private void readReceiver(BenchConnection receiver, String from, CompletableFuture<Download> result) {
        new Receiver(receiver, from, result).run();
    }

    /** One receiver's state, touched only by its reader thread. */
    private final class Receiver {

        private final BenchConnection connection;
        private final String from;
        private final CompletableFuture<Download> result;
        private final MessageDigest digest = RandomContent.newSha256();
        private long file = -1;
        private long received;
        private long start;

        Receiver(BenchConnection connection, String from, CompletableFuture<Download> result) {
            this.connection = connection;
            this.from = from;
            this.result = result;
        }

        void run() {
            String problem = null;
            try {
                Frame frame;
                while (problem == null && (frame = connection.read()) != null) {
                    problem = switch (frame) {
                        case Frame.Data data -> onData(data);
                        case Frame.Json json -> onEvent(connection.decode(json));
                    };
                }
                if (problem == null) {
                    problem = "connection closed by the server";
                }
            } catch (IOException e) {
                problem = e.toString();
            } finally {
                // no effect when the download completed; a download cut short by the end of
                // the run has no problem of its own
                if (closing) {
                    result.cancel(false);
                } else {
                    result.completeExceptionally(new IOException(connection.user() + ": " + problem));
                }
            }
        }

        /** Takes a piece of the download; a problem, or {@code null} when all is well. */
        private String onData(Frame.Data data) {
            if (data.file() != file || data.offset() != received) {
                return "D frame for file " + data.file() + " at " + data.offset() + ", expected file " + file
                        + " at " + received;
            }
            digest.update(data.data());
            received += data.data().length;
            downloaded.add(data.data().length);
            return null;
        }

        private String onEvent(ServerEvent event) throws IOException {
            switch (event) {
                case ServerEvent.FileAvailable f when f.from().equalsIgnoreCase(from) && file < 0 -> {
                    if (f.size() != config.size() || !f.sha256().equals(sha256)) {
                        return "announced " + f.size() + " bytes " + f.sha256() + ", expected " + config.size()
                                + " bytes " + sha256;
                    }
                    file = f.file();
                    start = System.nanoTime();
                    connection.send(new ClientEvent.Download(file, null, DOWNLOAD_REF));
                }
                case ServerEvent.DownloadStart s when s.file() == file -> {
                    if (s.size() != config.size() || !sha256.equals(s.sha256()) || s.offset() != 0) {
                        return "download.start says " + s.size() + " bytes " + s.sha256() + " from " + s.offset();
                    }
                }
                case ServerEvent.DownloadEnd e when e.file() == file -> {
                    long end = System.nanoTime();
                    String got = HexFormat.of().formatHex(digest.digest());
                    boolean ok = received == config.size() && got.equals(sha256);
                    if (!ok) {
                        report.problem(connection.user() + ": got " + received + " bytes with SHA-256 " + got
                                + ", expected " + config.size() + " bytes " + sha256);
                    }
                    result.complete(new Download(received, start, end, ok));
                }
                case ServerEvent.ErrorEvent e -> {
                    return "server error " + e.code() + ": " + e.message();
                }
                case ServerEvent.Ping p -> connection.send(new ClientEvent.Pong(p.ref()));
                case null, default -> {
                    // joined, left, other users' files and the rest
                }
            }
            return null;
        }
    }

    private static <T> T get(CompletableFuture<T> future, Deadline deadline) throws IOException {
        try {
            return future.get(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("timed out");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private static void joinAll(List<Thread> threads, Deadline deadline) {
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofNanos(Math.max(1_000_000, deadline.remainingNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String progressLine() {
        return String.format(Locale.ROOT, "%s  logged in %d/%d  uploaded %.1f/%.1f MiB  downloaded %.1f/%.1f MiB",
                phase, loggedIn.sum(), config.receivers() + 1, uploaded.sum() / MIB, config.size() / MIB,
                downloaded.sum() / MIB, config.receivers() * config.size() / MIB);
    }

    private void summarize(long uploadStart, long uploadEnd, List<CompletableFuture<Download>> downloads) {
        double uploadSeconds = uploadEnd > uploadStart ? (uploadEnd - uploadStart) / 1e9 : 0;
        report.add("upload_s", "upload time", uploadSeconds, "s")
                .add("upload_mib_per_sec", "upload speed", uploadSeconds > 0 ? config.size() / MIB / uploadSeconds : 0.0,
                        "MiB/s");
        List<Download> done = new ArrayList<>();
        int unfinished = 0;
        for (CompletableFuture<Download> download : downloads) {
            switch (download.state()) {
                case SUCCESS -> done.add(download.resultNow());
                case FAILED -> report.problem(download.exceptionNow().getMessage());
                default -> unfinished++;
            }
        }
        if (unfinished > 0) {
            report.problem(unfinished + " of " + downloads.size() + " downloads did not finish");
        }
        long verified = done.stream().filter(Download::sha256Ok).count();
        double min = done.stream().mapToDouble(d -> rate(d.bytes(), d.seconds())).min().orElse(0);
        double max = done.stream().mapToDouble(d -> rate(d.bytes(), d.seconds())).max().orElse(0);
        double mean = done.stream().mapToDouble(d -> rate(d.bytes(), d.seconds())).average().orElse(0);
        long first = done.stream().mapToLong(Download::startNanos).min().orElse(0);
        long last = done.stream().mapToLong(Download::endNanos).max().orElse(0);
        long bytes = done.stream().mapToLong(Download::bytes).sum();
        report.add("downloads_done", "downloads done", done.size())
                .add("sha256_verified", "SHA-256 verified", verified)
                .add("download_mib_per_sec_min", "download per receiver, min", min, "MiB/s")
                .add("download_mib_per_sec_mean", "download per receiver, mean", mean, "MiB/s")
                .add("download_mib_per_sec_max", "download per receiver, max", max, "MiB/s")
                .add("download_mib_per_sec_total", "download, all receivers", rate(bytes, (last - first) / 1e9),
                        "MiB/s");
        if (verified != config.receivers() && report.ok()) {
            report.problem((config.receivers() - verified) + " receivers without a verified copy");
        }
    }

    private static double rate(long bytes, double seconds) {
        return seconds > 0 ? bytes / MIB / seconds : 0;
    }
}
