package io.tcpchat.client.files;

import io.tcpchat.client.connection.ChatException;
import io.tcpchat.client.connection.ServerErrors;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.ServerEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloads into one folder: asks the server for a file (from the offset a partial file
 * already reached), writes the D frames in order, checks size and SHA-256 at
 * {@code download.end}, then moves the file to a safe, free name. Nothing outside the folder
 * is written and nothing there is overwritten.
 *
 * <p>Frames arrive on the connection's reader thread; {@link #start} may come from any
 * thread. One lock guards every transfer.
 */
public final class Downloads {

    /** Sends {@code download{file, offset}}; returns the request's ref. */
    @FunctionalInterface
    public interface Requester {
        String request(long file, long offset) throws ChatException;
    }

    private final Path dir;
    private final Requester requester;
    private final TransferListener listener;
    private final Map<Long, Download> active = new HashMap<>();
    private final Map<String, Long> fileByRef = new HashMap<>();

    public Downloads(Path dir, Requester requester, TransferListener listener) {
        this.dir = dir.toAbsolutePath().normalize();
        this.requester = requester;
        this.listener = listener;
    }

    public Path dir() {
        return dir;
    }

    /** A path as people read it: {@code ~/Downloads/tcp-chat/a.pdf} under the home folder. */
    public static String display(Path path, Path home) {
        Path p = path.toAbsolutePath().normalize();
        Path h = home.toAbsolutePath().normalize();
        return p.startsWith(h) && !p.equals(h) ? "~/" + h.relativize(p) : p.toString();
    }

    /**
     * Starts (or resumes, when a partial file is there) the download of {@code file}. Name,
     * size and digest may be unknown ({@code null}, -1): {@code download.start} tells them.
     * Starting a file already coming in returns that transfer.
     */
    public Download start(long file, String name, long size, String sha256, String from, boolean automatic)
            throws ChatException {
        Download download;
        synchronized (this) {
            Download running = active.get(file);
            if (running != null) {
                return running;
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new ChatException(ChatException.Kind.LOCAL, "Cannot create the downloads folder " + dir
                        + " (" + e.getMessage() + ").", e);
            }
            download = new Download(file, name, size, sha256, from, partialPath(file, name), automatic);
            active.put(file, download);
        }
        try {
            long offset = 0;
            MessageDigest digest = Sha256.newDigest();
            Path partial = download.partial();
            if (Files.isRegularFile(partial)) {
                offset = Files.size(partial);
                if (size >= 0 && offset > size) {
                    Files.delete(partial);
                    offset = 0;
                } else {
                    Sha256.update(digest, partial, offset, done -> { });
                }
            }
            synchronized (this) {
                download.digest = digest;
                download.received = offset;
                download.resumedFrom = offset;
            }
            request(download);
            listener.started(download, offset > 0);
            return download;
        } catch (IOException e) {
            ChatException failure = new ChatException(ChatException.Kind.LOCAL,
                    "Cannot use " + download.partial() + " (" + e.getMessage() + ").", e);
            finish(download, failure, false);
            throw failure;
        } catch (ChatException e) {
            finish(download, e, false);
            throw e;
        }
    }

    private void request(Download download) throws ChatException {
        long offset;
        synchronized (this) {
            download.streaming = false;
            offset = download.received;
        }
        String ref = requester.request(download.file(), offset);
        synchronized (this) {
            fileByRef.put(ref, download.file());
        }
    }

    /** After a reconnection: ask again for every unfinished download, from where it stopped. */
    public void resumeAll() {
        List<Download> unfinished;
        synchronized (this) {
            unfinished = new ArrayList<>(active.values());
            unfinished.forEach(Downloads::closeChannel);
        }
        for (Download download : unfinished) {
            try {
                request(download);
            } catch (ChatException e) {
                return; // the connection went again; the next reconnection tries again
            }
        }
    }

    public synchronized List<Download> active() {
        return List.copyOf(active.values());
    }

    public void onStart(ServerEvent.DownloadStart start) {
        Download download;
        synchronized (this) {
            download = active.get(start.file());
            if (download == null) {
                return;
            }
            if (download.name == null) {
                download.name = start.name();
            }
            download.size = start.size();
            download.sha256 = start.sha256();
            try {
                if (start.offset() != download.received) {
                    if (start.offset() != 0) {
                        throw new IOException("the server resumed at byte " + start.offset() + ", not "
                                + download.received);
                    }
                    download.received = 0; // the server starts over: so do we
                    download.resumedFrom = 0;
                    download.digest = Sha256.newDigest();
                    Files.deleteIfExists(download.partial());
                }
                closeChannel(download);
                download.channel = FileChannel.open(download.partial(), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                download.channel.truncate(download.received);
                download.channel.position(download.received);
                download.streaming = true;
            } catch (IOException e) {
                download = failLocked(download, "Cannot write " + download.partial() + " (" + e.getMessage()
                        + ").", false);
            }
        }
        if (download != null && !download.streaming) {
            notifyFailed(download);
        }
    }

    public void onData(Frame.Data data) {
        Download failed = null;
        Download progressed = null;
        synchronized (this) {
            Download download = active.get(data.file());
            if (download == null) {
                return;
            }
            if (!download.streaming || data.offset() != download.received) {
                failed = failLocked(download, "Bytes arrived out of order (at " + data.offset() + ", expected "
                        + download.received + "); the partial file is kept, try download again.", false);
            } else if (download.size >= 0 && download.received + data.data().length > download.size) {
                failed = failLocked(download, "More bytes arrived than announced; the file was discarded.", true);
            } else {
                try {
                    ByteBuffer buf = ByteBuffer.wrap(data.data());
                    while (buf.hasRemaining()) {
                        download.channel.write(buf);
                    }
                    download.digest.update(data.data());
                    download.received += data.data().length;
                    progressed = download;
                } catch (IOException e) {
                    failed = failLocked(download, "Cannot write " + download.partial() + " (" + e.getMessage()
                            + ").", false);
                }
            }
        }
        if (failed != null) {
            notifyFailed(failed);
        } else if (progressed != null) {
            listener.progress(progressed);
        }
    }

    public void onEnd(ServerEvent.DownloadEnd end) {
        Download download;
        String problem = null;
        boolean discard = false;
        Path saved = null;
        synchronized (this) {
            download = active.get(end.file());
            if (download == null) {
                return;
            }
            try {
                if (download.channel == null) {
                    // a file with nothing left to send: make sure the partial exists
                    download.channel = FileChannel.open(download.partial(), StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                }
                download.channel.force(false);
                closeChannel(download);
                if (download.received != download.size) {
                    problem = "The download ended after " + download.received + " of " + download.size
                            + " bytes; the partial file is kept, try download again.";
                } else if (download.sha256 != null
                        && !Sha256.hex(download.digest).equalsIgnoreCase(download.sha256)) {
                    problem = "The file arrived damaged (SHA-256 did not match) and was discarded.";
                    discard = true;
                } else {
                    saved = SafeFileNames.moveToFreeName(download.partial(), dir,
                            SafeFileNames.safeBaseName(download.name));
                }
            } catch (IOException e) {
                problem = "Cannot save " + download.name + " (" + e.getMessage() + ").";
            }
            if (problem != null) {
                failLocked(download, problem, discard);
            } else {
                active.remove(download.file());
                fileByRef.values().removeIf(f -> f == download.file());
            }
        }
        if (problem != null) {
            notifyFailed(download);
        } else {
            download.result().complete(saved);
            listener.saved(download, saved);
        }
    }

    /** Takes an {@code error} about a download; {@code false} when it concerns none. */
    public boolean onError(ServerEvent.ErrorEvent error) {
        Download download;
        synchronized (this) {
            Long file = error.file();
            if ((file == null || !active.containsKey(file)) && error.ref() != null) {
                file = fileByRef.get(error.ref());
            }
            download = file == null ? null : active.get(file);
            if (download == null) {
                return false;
            }
            boolean gone = error.errorCode() == ErrorCode.NOT_FOUND || error.errorCode() == ErrorCode.BAD_REQUEST;
            failLocked(download, ServerErrors.describe(error), gone);
        }
        notifyFailed(download);
        return true;
    }

    /**
     * Stops a download here, keeping its partial file for a later resume; the caller tells the
     * server ({@code cancel}). {@code false} when no download of {@code file} runs.
     */
    public boolean cancel(long file, String why) {
        Download download;
        synchronized (this) {
            download = active.get(file);
            if (download == null) {
                return false;
            }
            failLocked(download, why, false);
        }
        notifyFailed(download);
        return true;
    }

    /** Gives up on every transfer, keeping partial files for later. */
    public void abandonAll(String why) {
        List<Download> all;
        synchronized (this) {
            all = new ArrayList<>(active.values());
            all.forEach(d -> failLocked(d, why, false));
        }
        all.forEach(this::notifyFailed);
    }

    private Download failLocked(Download download, String why, boolean discard) {
        closeChannel(download);
        active.remove(download.file());
        fileByRef.values().removeIf(f -> f == download.file());
        if (discard) {
            try {
                Files.deleteIfExists(download.partial());
            } catch (IOException ignored) {
                // left behind; harmless
            }
        }
        download.result().completeExceptionally(new ChatException(ChatException.Kind.LOCAL, why));
        return download;
    }

    private void notifyFailed(Download download) {
        String why = download.result().exceptionNow().getMessage();
        listener.failed(download, why);
    }

    private void finish(Download download, ChatException failure, boolean discard) {
        synchronized (this) {
            closeChannel(download);
            active.remove(download.file());
            if (discard) {
                try {
                    Files.deleteIfExists(download.partial());
                } catch (IOException ignored) {
                    // harmless
                }
            }
        }
        download.result().completeExceptionally(failure);
    }

    /** {@code name.<id>.part}; an existing partial of the same file is used whatever its name. */
    private Path partialPath(long file, String name) {
        String suffix = "." + file + ".part";
        try (var entries = Files.list(dir)) {
            Path existing = entries.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(Files::isRegularFile).findFirst().orElse(null);
            if (existing != null) {
                return existing;
            }
        } catch (IOException ignored) {
            // fall through to a fresh name
        }
        String base = SafeFileNames.fit(SafeFileNames.safeBaseName(name == null ? "file" : name),
                SafeFileNames.MAX_BYTES - suffix.length());
        return SafeFileNames.inside(dir, base + suffix);
    }

    private static void closeChannel(Download download) {
        download.streaming = false;
        if (download.channel != null) {
            try {
                download.channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
            download.channel = null;
        }
    }
}
