package io.tcpchat.server.rooms;

import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.EventDraft;
import io.tcpchat.server.history.EventGate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Rooms' part of the event log's store stage: decides each draft whose outcome depends on room
 * state, in queue order, just before it is numbered, and writes the room tables in the same
 * transaction. It keeps its own {@link RoomBook}, ahead of the live one by the batches being
 * stored; a failed batch reloads it from the tables, which match the committed log.
 */
final class RoomGate implements EventGate {

    private final RoomBook book;
    private final RoomDecider decider;
    private final RoomTables tables;
    private final Clock clock;

    /** @param tables {@code null} for an in-memory history: nothing is written, nothing reloaded */
    RoomGate(RoomBook book, RoomDecider decider, RoomTables tables, Clock clock) {
        this.book = book;
        this.decider = decider;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public List<EventDraft> decide(EventDraft draft) throws RequestException {
        return switch (draft) {
            case EventDraft.Message m -> {
                if (m.to() != null) {
                    yield null; // direct: no room
                }
                int id = decider.checkPost(m.from(), m.room(), null);
                yield id == 0 ? null : List.of(m.inRoom(id));
            }
            case EventDraft.File f -> {
                if (f.to() != null) {
                    yield null;
                }
                int id = decider.checkPost(f.from(), f.room(), null);
                yield id == 0 ? null : List.of(f.inRoom(id));
            }
            case EventDraft.RoomRequest r -> decider.decide(r, Instant.now(clock));
            default -> null;
        };
    }

    @Override
    public void write(Connection connection, List<EventDraft> drafts, List<ServerEvent.Stored> stored)
            throws SQLException {
        if (tables != null) {
            tables.write(connection, drafts, stored);
        }
    }

    /** A cluster: the other replicas' room events, applied as the live book applies them. */
    @Override
    public void caughtUp(List<ServerEvent.Stored> others) {
        for (ServerEvent.Stored e : others) {
            if (e instanceof ServerEvent.RoomEvent room) {
                book.apply(room);
            }
        }
    }

    @Override
    public void reload() {
        if (tables != null) {
            tables.load(book);
        }
    }
}
