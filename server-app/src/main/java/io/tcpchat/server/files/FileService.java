package io.tcpchat.server.files;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.Frame;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.SafeNames;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.chat.ChatService;
import io.tcpchat.server.history.EventDraft;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.history.Viewer;
import io.tcpchat.server.rooms.RoomService;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionClosed;
import io.tcpchat.server.session.SessionRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Store and forward: uploads stream to the {@link FileStore} as they arrive, are checked
 * (size as they go, SHA-256 at the end), committed, then announced through the event log
 * like messages; downloads stream back a chunk at a time as each connection takes them.
 */
@Service
public class FileService {

    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final FileStore store;
    private final EventLog eventLog;
    private final ChatService chat;
    private final RoomService rooms;
    private final SessionRegistry registry;
    private final EventCodec codec;
    private final TransferCounter counter;
    private final Clock clock;
    private final ChatProperties.Limits limits;
    private final ChatProperties.Files settings;
    private final int chunk;
    private final SecureRandom ids = new SecureRandom();
    /** Uploads by file id. */
    private final Map<Long, Upload> uploads = new ConcurrentHashMap<>();
    /** Downloads by connection id, then file id. */
    private final Map<String, Map<Long, DownloadSource>> downloads = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uploadsPerUser = new ConcurrentHashMap<>();
    private final AtomicLong reserved = new AtomicLong();

    FileService(FileStore store, EventLog eventLog, ChatService chat, SessionRegistry registry, EventCodec codec,
                TransferCounter counter, Clock clock, ChatProperties properties,
                @Qualifier("chatTimers") ScheduledExecutorService timers, RoomService rooms) {
        this.rooms = rooms;
        this.store = store;
        this.eventLog = eventLog;
        this.chat = chat;
        this.registry = registry;
        this.codec = codec;
        this.counter = counter;
        this.clock = clock;
        this.limits = properties.limits();
        this.settings = properties.files();
        this.chunk = (int) limits.chunk().toBytes();
        long uploadTick = Math.clamp(limits.uploadTimeout().toMillis() / 4, 20, 1000);
        timers.scheduleWithFixedDelay(this::expireStalledUploads, uploadTick, uploadTick, TimeUnit.MILLISECONDS);
        if (!settings.retention().isZero()) {
            long retentionTick = Math.clamp(settings.retention().toMillis() / 10, 50, 60_000);
            timers.scheduleWithFixedDelay(this::applyRetention, retentionTick, retentionTick, TimeUnit.MILLISECONDS);
        }
    }

    public void upload(Session session, ClientEvent.Upload upload) throws RequestException {
        String ref = upload.ref();
        if (upload.name() == null || upload.size() == null || upload.sha256() == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "upload needs name, size and sha256", ref);
        }
        long size = upload.size();
        if (size < 0) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "size must not be negative", ref);
        }
        if (size > limits.maxFileSize().toBytes()) {
            throw new RequestException(ErrorCode.TOO_LARGE,
                    "files are limited to " + limits.maxFileSize().toBytes() + " bytes", ref);
        }
        if (!SHA256.matcher(upload.sha256()).matches()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "sha256 must be 64 lowercase hex digits", ref);
        }
        String room = rooms.target(session, upload.room(), upload.to(), ref);
        if (room != null) {
            rooms.requireMember(session, room, ref); // checked again, in order, when the file is announced
        }
        String to = chat.recipient(session, upload.to(), ref);
        AtomicInteger inProgress = uploadsPerUser.computeIfAbsent(key(session.user()), k -> new AtomicInteger());
        if (inProgress.incrementAndGet() > limits.uploadsPerUser()) {
            inProgress.decrementAndGet();
            throw new RequestException(ErrorCode.RATE_LIMITED,
                    "at most " + limits.uploadsPerUser() + " uploads at once", ref);
        }
        if (reserved.addAndGet(size) + store.usedBytes() > settings.quota().toBytes()) {
            reserved.addAndGet(-size);
            inProgress.decrementAndGet();
            throw new RequestException(ErrorCode.QUOTA_EXCEEDED, "the file store is full", ref);
        }
        long id = newId();
        Upload u;
        try {
            u = new Upload(id, ref, SafeNames.baseName(upload.name()), size, upload.sha256(), session.user(), to, room,
                    session.connectionId(), store.create(id), sha256(), System.nanoTime());
        } catch (IOException e) {
            reserved.addAndGet(-size);
            inProgress.decrementAndGet();
            log.error("cannot create upload {}", id, e);
            throw new RequestException(ErrorCode.INTERNAL, "cannot store files now", ref);
        }
        uploads.put(id, u);
        session.send(new ServerEvent.UploadReady(ref, id, chunk));
        if (size == 0) {
            synchronized (u) {
                complete(session, u);
            }
        }
    }

    public void data(Session session, Frame.Data data) {
        Upload u = uploads.get(data.file());
        if (u == null || !u.connectionId.equals(session.connectionId())) {
            session.send(fileError(ErrorCode.NOT_FOUND, "no upload " + data.file() + " in progress", null, data.file()));
            return;
        }
        synchronized (u) {
            if (u.finished) {
                return;
            }
            int len = data.data().length;
            counter.uploadedBytes(len);
            if (len > chunk) {
                fail(session, u, ErrorCode.BAD_REQUEST, "a chunk is at most " + chunk + " bytes");
            } else if (data.offset() != u.received) {
                fail(session, u, ErrorCode.BAD_REQUEST, (data.offset() > u.received ? "gap" : "overlap")
                        + " at offset " + data.offset() + "; expected " + u.received);
            } else if (u.received + len > u.size) {
                fail(session, u, ErrorCode.CHECKSUM_MISMATCH, "more bytes than the announced " + u.size);
            } else {
                try {
                    u.pending.write(data.data());
                } catch (IOException e) {
                    log.error("writing upload {} failed", u.id, e);
                    fail(session, u, ErrorCode.INTERNAL, "cannot store the file");
                    return;
                }
                u.digest.update(data.data());
                u.received += len;
                u.lastProgress = System.nanoTime();
                if (u.received == u.size) {
                    complete(session, u);
                }
            }
        }
    }

    /** Checks the digest, commits, announces and acknowledges. Holds the upload's monitor. */
    private void complete(Session session, Upload u) {
        String digest = HexFormat.of().formatHex(u.digest.digest());
        if (!digest.equals(u.sha256)) {
            fail(session, u, ErrorCode.CHECKSUM_MISMATCH, "the bytes have SHA-256 " + digest);
            return;
        }
        StoredFile stored;
        try {
            stored = u.pending.commit(new StoredFile(u.id, u.name, u.size, u.sha256, u.from, u.to,
                    Instant.now(clock).truncatedTo(ChronoUnit.MILLIS), u.room));
        } catch (IOException e) {
            log.error("committing upload {} failed", u.id, e);
            fail(session, u, ErrorCode.INTERNAL, "cannot store the file");
            return;
        }
        end(u);
        counter.uploaded(u.size);
        log.info("file {} stored: {} bytes from {}", u.id, u.size, u.from);
        eventLog.publish(new EventDraft.File(stored.from(), stored.to(), stored.id(), stored.name(), stored.size(),
                stored.sha256(), stored.room(), 0), new EventLog.Committed() {
                    @Override
                    public void stored(ServerEvent.Stored event) {
                        session.send(new ServerEvent.Ack(u.ref, event.seq(), u.id));
                    }

                    @Override
                    public void refused(RequestException e) {
                        // left or removed from the room while uploading: stored, never announced (retention removes it)
                        session.send(fileError(e.code(), e.getMessage(), u.ref, u.id));
                    }

                    @Override
                    public void failed(Exception e) {
                        session.send(fileError(ErrorCode.INTERNAL, "the file was stored but not announced", u.ref, u.id));
                    }
                });
    }

    private void fail(Session session, Upload u, ErrorCode code, String message) {
        u.pending.discard();
        end(u);
        if (session != null) {
            session.send(fileError(code, message, u.ref, u.id));
        }
    }

    private void end(Upload u) {
        u.finished = true;
        if (uploads.remove(u.id, u)) {
            reserved.addAndGet(-u.size);
            AtomicInteger n = uploadsPerUser.get(key(u.from));
            if (n != null) {
                n.decrementAndGet();
            }
        }
    }

    public void download(Session session, ClientEvent.Download request) throws RequestException {
        String ref = request.ref();
        if (request.file() == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "download needs file", ref);
        }
        long id = request.file();
        StoredFile f = store.find(id).filter(s -> s.visibleTo(session.user()))
                .filter(s -> !s.inRoom() || eventLog.store().fileVisible(id, Viewer.replay(session.user(),
                        session.roomsAware())))
                .orElseThrow(() -> new RequestException(ErrorCode.NOT_FOUND, "no file " + id, ref));
        long offset = request.offset() == null ? 0 : request.offset();
        if (offset < 0 || offset > f.size()) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "offset must be between 0 and " + f.size(), ref);
        }
        Map<Long, DownloadSource> mine = downloads.computeIfAbsent(session.connectionId(), k -> new ConcurrentHashMap<>());
        if (mine.containsKey(id)) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "file " + id + " is being downloaded already", ref);
        }
        // only this connection's reader thread adds to its map (others only remove), so the check holds
        int cap = limits.downloadsPerConnection();
        if (cap > 0 && mine.size() >= cap) {
            throw new RequestException(ErrorCode.RATE_LIMITED, "at most " + cap + " downloads at once", ref);
        }
        SeekableByteChannel channel;
        try {
            channel = store.open(id);
        } catch (IOException e) {
            throw new RequestException(ErrorCode.NOT_FOUND, "no file " + id, ref);
        }
        byte[] end = codec.frame(new ServerEvent.DownloadEnd(id, ref));
        String connection = session.connectionId();
        DownloadSource[] self = new DownloadSource[1];
        DownloadSource source = new DownloadSource(id, channel, offset, f.size(), chunk, end, counter,
                () -> {
                    Map<Long, DownloadSource> m = downloads.get(connection);
                    if (m != null) {
                        m.remove(id, self[0]);
                    }
                });
        self[0] = source;
        mine.put(id, source);
        session.send(new ServerEvent.DownloadStart(id, f.name(), f.size(), f.sha256(), offset, ref));
        session.outbox().addDownload(source);
    }

    public void cancel(Session session, ClientEvent.Cancel cancel) throws RequestException {
        String ref = cancel.ref();
        if (cancel.file() == null) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "cancel needs file", ref);
        }
        long id = cancel.file();
        Upload u = uploads.get(id);
        if (u != null && u.connectionId.equals(session.connectionId())) {
            synchronized (u) {
                if (!u.finished) {
                    u.pending.discard();
                    end(u);
                    session.send(new ServerEvent.Ack(ref, null, id));
                    return;
                }
            }
        }
        Map<Long, DownloadSource> mine = downloads.get(session.connectionId());
        DownloadSource d = mine == null ? null : mine.get(id);
        if (d != null && session.outbox().removeDownload(d)) {
            session.send(new ServerEvent.Ack(ref, null, id));
            return;
        }
        throw new RequestException(ErrorCode.NOT_FOUND, "no transfer of file " + id + " in progress", ref);
    }

    /** A connection that goes away leaves no upload behind; its downloads close with its outbox. */
    @EventListener
    public void onClose(SessionClosed event) {
        String connection = event.session().connectionId();
        for (Upload u : uploads.values()) {
            if (u.connectionId.equals(connection)) {
                synchronized (u) {
                    if (!u.finished) {
                        log.info("upload {} discarded: its connection closed after {} of {} bytes", u.id, u.received,
                                u.size);
                        fail(null, u, ErrorCode.BAD_REQUEST, "disconnected");
                    }
                }
            }
        }
        downloads.remove(connection);
    }

    private void expireStalledUploads() {
        try {
            long now = System.nanoTime();
            long timeout = limits.uploadTimeout().toNanos();
            for (Upload u : uploads.values()) {
                if (now - u.lastProgress > timeout) {
                    synchronized (u) {
                        if (!u.finished && now - u.lastProgress > timeout) {
                            Session s = registry.byConnection(u.connectionId);
                            fail(s, u, ErrorCode.TIMEOUT,
                                    "no progress for " + limits.uploadTimeout().toMillis() + " ms");
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("upload timeout sweep failed", e);
        }
    }

    private void applyRetention() {
        try {
            for (StoredFile f : store.deleteStoredBefore(Instant.now(clock).minus(settings.retention()))) {
                log.info("file {} deleted: older than {}", f.id(), settings.retention());
            }
        } catch (RuntimeException e) {
            log.warn("file retention failed", e);
        }
    }

    private static ServerEvent.ErrorEvent fileError(ErrorCode code, String message, String ref, long file) {
        return new ServerEvent.ErrorEvent(code.wire(), message, ref, file);
    }

    private long newId() {
        long id;
        do {
            id = ids.nextLong() & Long.MAX_VALUE;
        } while (id == 0 || uploads.containsKey(id) || store.find(id).isPresent());
        return id;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(String user) {
        return user.toLowerCase(Locale.ROOT);
    }
}
