package io.tcpchat.server.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Files in one local folder: {@code <id>.bin} for the bytes, {@code <id>.json} for what is
 * known of them, {@code <id>.part} while an upload is in progress. A commit fsyncs the
 * bytes, then renames atomically; the metadata is written the same way, last, so a file
 * is either whole and described or absent. Left-over {@code .part} files (a crash during
 * an upload) are deleted at start.
 */
public final class LocalFileStore implements FileStore {

    private static final Logger log = LoggerFactory.getLogger(LocalFileStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final ConcurrentHashMap<Long, StoredFile> index = new ConcurrentHashMap<>();
    private final AtomicLong used = new AtomicLong();

    public LocalFileStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir);
            load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use file store " + this.dir, e);
        }
    }

    public Path dir() {
        return dir;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.endsWith(".part") || name.endsWith(".json.tmp")) {
                    Files.deleteIfExists(p);
                } else if (name.endsWith(".json")) {
                    try {
                        StoredFile f = JSON.readValue(p.toFile(), StoredFile.class);
                        if (Files.size(bin(f.id())) == f.size()) {
                            index.put(f.id(), f);
                            used.addAndGet(f.size());
                        }
                    } catch (RuntimeException | IOException e) {
                        log.warn("ignoring unreadable file metadata {}: {}", p, e.toString());
                    }
                }
            }
        }
        log.info("file store {}: {} files, {} bytes", dir, index.size(), used.get());
    }

    private Path bin(long id) {
        return dir.resolve(id + ".bin");
    }

    private Path meta(long id) {
        return dir.resolve(id + ".json");
    }

    @Override
    public PendingFile create(long id) throws IOException {
        Path part = dir.resolve(id + ".part");
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new PendingFile() {
            private boolean done;

            @Override
            public void write(byte[] data) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }

            @Override
            public StoredFile commit(StoredFile metadata) throws IOException {
                channel.force(true);
                channel.close();
                move(part, bin(id));
                Path tmp = dir.resolve(id + ".json.tmp");
                Files.write(tmp, JSON.writeValueAsBytes(metadata));
                try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    c.force(true);
                }
                move(tmp, meta(id));
                done = true;
                index.put(id, metadata);
                used.addAndGet(metadata.size());
                return metadata;
            }

            @Override
            public void discard() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    channel.close();
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    log.warn("could not delete {}: {}", part, e.toString());
                }
            }
        };
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<StoredFile> find(long id) {
        return Optional.ofNullable(index.get(id));
    }

    @Override
    public FileChannel open(long id) throws IOException {
        return FileChannel.open(bin(id), StandardOpenOption.READ);
    }

    @Override
    public long usedBytes() {
        return used.get();
    }

    @Override
    public List<StoredFile> deleteStoredBefore(Instant cutoff) {
        List<StoredFile> deleted = new ArrayList<>();
        for (StoredFile f : index.values()) {
            if (f.storedAt().isBefore(cutoff) && index.remove(f.id(), f)) {
                try {
                    Files.deleteIfExists(meta(f.id()));
                    Files.deleteIfExists(bin(f.id()));
                } catch (IOException e) {
                    log.warn("could not delete file {}: {}", f.id(), e.toString());
                }
                used.addAndGet(-f.size());
                deleted.add(f);
            }
        }
        return deleted;
    }
}
