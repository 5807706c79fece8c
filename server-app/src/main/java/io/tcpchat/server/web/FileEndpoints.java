package io.tcpchat.server.web;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.files.FileService;
import io.tcpchat.server.session.Session;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.ResponseCookie;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * File bytes for web sessions, over HTTP rather than the socket. An upload is the request
 * body, streamed to the {@link FileService} a chunk at a time (never whole in memory) with the
 * checks, quota, {@code file} event and {@code ack} of a CHAT/1 upload; a download is a plain
 * GET with {@code Range}, so a browser's own download manager can resume it. Refusals are the
 * chat's {@code error} event as JSON, with a matching HTTP status.
 */
@Controller
@ConditionalOnBooleanProperty(name = "chat.web.enabled", matchIfMissing = true)
class FileEndpoints {

    private final FileService files;
    private final HttpSessions auth;
    private final EventCodec codec;
    private final int chunk;
    private final boolean secure;

    FileEndpoints(FileService files, HttpSessions auth, EventCodec codec, ChatProperties properties) {
        this.files = files;
        this.auth = auth;
        this.codec = codec;
        this.chunk = (int) properties.limits().chunk().toBytes();
        this.secure = properties.tls().enabled();
    }

    /** Sets the download cookie for the bearer's session (the page calls it after each welcome). */
    @PostMapping("/session")
    void session(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Session session = auth.fromBearer(request);
        if (session == null) {
            refuse(response, 401, ErrorCode.AUTH_REQUIRED, "log in over /ws and send its session as a bearer token", null);
            return;
        }
        response.addHeader("Set-Cookie", ResponseCookie.from(HttpSessions.COOKIE,
                        session.sessionId())
                .path("/files").httpOnly(true).secure(secure).sameSite("Strict").maxAge(Duration.ofDays(1))
                .build().toString());
        response.setStatus(204);
    }

    @PostMapping("/files")
    void upload(HttpServletRequest request, HttpServletResponse response, @RequestParam String name,
                @RequestParam long size, @RequestParam String sha256, @RequestParam(required = false) String to,
                @RequestParam(required = false) String room, @RequestParam(required = false) String ref)
            throws IOException {
        Session session = auth.fromBearer(request);
        if (session == null) {
            refuse(response, 401, ErrorCode.AUTH_REQUIRED, "a bearer token of a web session is needed", ref);
            return;
        }
        if (ref != null && ref.codePointCount(0, ref.length()) > 64) {
            refuse(response, 400, ErrorCode.BAD_REQUEST, "ref is at most 64 code points", null);
            return;
        }
        if (request.getContentLengthLong() != size) {
            refuse(response, 400, ErrorCode.BAD_REQUEST, "the body must be exactly size bytes (Content-Length)", ref);
            return;
        }
        if (!session.allowRequest()) {
            refuse(response, 429, ErrorCode.RATE_LIMITED, "too many requests; slow down", ref);
            return;
        }
        long id = 0;
        try {
            id = files.beginUpload(session, new ClientEvent.Upload(name, size, sha256, to, room, ref));
            long offset = 0;
            InputStream in = request.getInputStream();
            while (offset < size) {
                byte[] data = in.readNBytes((int) Math.min(chunk, size - offset));
                if (data.length == 0) {
                    throw new RequestException(ErrorCode.BAD_REQUEST, "the body ended after " + offset + " bytes", ref);
                }
                session.touch(System.nanoTime()); // an upload in progress is not an idle connection
                files.append(session, id, offset, data);
                offset += data.length;
            }
        } catch (RequestException e) {
            if (id != 0) {
                files.abandon(session, id);
            }
            refuse(response, status(e.code()), e.code(), e.getMessage(), ref);
            return;
        } catch (IOException e) {
            files.abandon(session, id);
            throw e;
        }
        response.setStatus(201);
        response.setContentType("application/json");
        response.getOutputStream().write(("{\"file\":" + id + "}").getBytes(StandardCharsets.US_ASCII));
    }

    @GetMapping("/files/{id}")
    void download(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) throws IOException {
        Session session = auth.fromBearerOrCookie(request);
        if (session == null) {
            refuse(response, 401, ErrorCode.AUTH_REQUIRED, "log in first", null);
            return;
        }
        if (!session.allowRequest()) {
            refuse(response, 429, ErrorCode.RATE_LIMITED, "too many requests; slow down", null);
            return;
        }
        FileService.OpenFile open;
        try {
            open = files.open(session, id);
        } catch (RequestException e) {
            refuse(response, status(e.code()), e.code(), e.getMessage(), null);
            return;
        }
        try (var channel = open.channel()) {
            long size = open.file().size();
            String etag = "\"" + open.file().sha256() + "\"";
            ByteRange range;
            try {
                String ifRange = request.getHeader("If-Range");
                range = ifRange == null || ifRange.equals(etag) ? ByteRange.parse(request.getHeader("Range"), size) : null;
            } catch (ByteRange.Unsatisfiable e) {
                response.setHeader("Content-Range", "bytes */" + size);
                refuse(response, 416, ErrorCode.BAD_REQUEST, "the range lies past the end of the file", null);
                return;
            }
            long start = range == null ? 0 : range.start();
            long length = range == null ? size : range.length();
            response.setStatus(range == null ? 200 : 206);
            if (range != null) {
                response.setHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + size);
            }
            response.setHeader("Accept-Ranges", "bytes");
            response.setHeader("ETag", etag);
            response.setHeader("Cache-Control", "private, no-store");
            response.setContentType("application/octet-stream");
            response.setContentLengthLong(length);
            response.setHeader("Content-Disposition", ContentDisposition.attachment()
                    .filename(open.file().name(), StandardCharsets.UTF_8).build().toString());
            copy(channel, start, length, response.getOutputStream());
        }
    }

    /** Streams the range a chunk at a time: each write blocks until the client took the last one. */
    private void copy(SeekableByteChannel channel, long start, long length, OutputStream out)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, Math.max(1, length)));
        long position = start;
        long end = start + length;
        channel.position(start); // a local file or a large object: either seeks without reading
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            int n = channel.read(buffer);
            if (n < 0) {
                throw new IOException("file ended early");
            }
            out.write(buffer.array(), 0, n);
            files.downloaded(n);
            position += n;
        }
    }

    private void refuse(HttpServletResponse response, int status, ErrorCode code, String message, String ref)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(codec.toJson(ServerEvent.ErrorEvent.of(code, message, ref)));
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case QUOTA_EXCEEDED -> 507;
            case RATE_LIMITED -> 429;
            case CHECKSUM_MISMATCH -> 422;
            case AUTH_REQUIRED, AUTH_FAILED -> 401;
            case TIMEOUT -> 408;
            case INTERNAL -> 500;
            case FORBIDDEN, BANNED, INVITE_ONLY -> 403;
            default -> 400;
        };
    }
}
