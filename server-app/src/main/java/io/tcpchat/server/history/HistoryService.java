package io.tcpchat.server.history;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.FrameEncoder;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ProtocolDefaults;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatProperties;
import org.springframework.stereotype.Service;

import java.util.ArrayDeque;
import java.util.List;

/** Answers {@code history} and builds the {@code since}-replay of a login. */
@Service
public class HistoryService {

    private static final int REPLAY_PAGE = 256;

    private final EventStore store;
    private final EventCodec codec;
    private final int maxFrame;

    HistoryService(EventStore store, EventCodec codec, ChatProperties properties) {
        this.store = store;
        this.codec = codec;
        this.maxFrame = (int) properties.limits().maxFrame().toBytes();
    }

    /** The answer to {@code history} as a complete frame (encoded once: its size is what is checked). */
    public byte[] page(String viewer, ClientEvent.HistoryQuery query) throws RequestException {
        return page(Viewer.base(viewer), query);
    }

    /**
     * The answer to {@code history} as {@code viewer} may see it (its scope: the query's room,
     * or the default set).
     */
    public byte[] page(Viewer viewer, ClientEvent.HistoryQuery query) throws RequestException {
        long before = query.before() == null ? Long.MAX_VALUE : query.before();
        int limit = query.limit() == null ? ProtocolDefaults.HISTORY_DEFAULT_LIMIT
                : Math.min(query.limit(), ProtocolDefaults.HISTORY_MAX_LIMIT);
        if (before < 0 || limit < 0) {
            throw new RequestException(ErrorCode.BAD_REQUEST, "before and limit must not be negative", query.ref());
        }
        if (viewer.scope() == Viewer.Scope.ROOM && !store.wasMember(viewer.key(), viewer.room())) {
            throw new RequestException(ErrorCode.NOT_FOUND, "you were never in " + viewer.room(), query.ref());
        }
        EventStore.Page page = store.before(before, limit, viewer);
        List<ServerEvent.Stored> events = page.events();
        byte[] json = codec.toJson(new ServerEvent.HistoryPage(events, page.more(), query.ref()));
        // keep the answer inside one frame: drop the oldest events, twice as many each time, until it fits
        int drop = 0;
        while (json.length + 1 > maxFrame && drop < events.size()) {
            drop = Math.min(Math.max(1, drop * 2), events.size());
            json = codec.toJson(new ServerEvent.HistoryPage(events.subList(drop, events.size()), true, query.ref()));
        }
        return FrameEncoder.json(json);
    }

    /** Frames read on demand; {@code null} when done. */
    @FunctionalInterface
    public interface ReplayCursor {
        byte[] next();
    }

    /**
     * The frames a login sees first: {@code first} (its welcome), then every event after
     * {@code since} up to {@code upTo} that {@code viewer} may see, read a page at a time as
     * the connection takes them.
     */
    public ReplayCursor replay(byte[] first, Viewer viewer, long since, long upTo) {
        return new ReplayCursor() {
            private final ArrayDeque<ServerEvent.Stored> page = new ArrayDeque<>();
            private byte[] pending = first;
            private long cursor = since;

            @Override
            public byte[] next() {
                if (pending != null) {
                    byte[] f = pending;
                    pending = null;
                    return f;
                }
                if (page.isEmpty() && cursor < upTo) {
                    List<ServerEvent.Stored> read = store.after(cursor, upTo, viewer, REPLAY_PAGE);
                    if (read.isEmpty()) {
                        cursor = upTo;
                    } else {
                        page.addAll(read);
                        cursor = read.getLast().seq();
                    }
                }
                ServerEvent.Stored e = page.poll();
                return e == null ? null : codec.frame(e);
            }
        };
    }
}
