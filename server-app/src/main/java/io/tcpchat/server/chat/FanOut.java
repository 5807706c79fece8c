package io.tcpchat.server.chat;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.StoredBatch;
import io.tcpchat.server.rooms.LiveRooms;
import io.tcpchat.server.session.EncodedLog;
import io.tcpchat.server.session.Outbox;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Delivers each batch of stored events live: encodes each event once into the shared
 * {@link EncodedLog} and wakes the writers of those online, who copy from it what their
 * user may see (everyone but the author, or only the recipient of a direct message). So
 * the cost of a delivery is a writer's read, not a queue operation here. Runs under the
 * event log's lock on its publisher thread, and never blocks.
 *
 * <p>Presence past {@code chat.limits.presence-live-max} users online is stored (history,
 * replay) but not broadcast live: each login would otherwise cost a frame to everyone
 * online, N² for N logins (10,000 logins took 74 s), the reason large IRC channels and
 * Matrix rooms stop announcing joins at a size.
 *
 * <p>Before appending, it marks every connection that could not follow: one whose cursor
 * the ring would overrun, or more than {@code sendq} behind. It only marks (the drop
 * itself happens on another thread), so one slow reader costs the others nothing.
 */
@Component
public class FanOut {

    /** A recipient key no user has (names are never empty): the entry reaches no one live. */
    private static final String NO_ONE = "";

    private final SessionRegistry registry;
    private final EncodedLog log;
    private final EventCodec codec;
    private final DeliveryCounter counter;
    private final int presenceLiveMax;
    private final LiveRooms rooms;

    FanOut(SessionRegistry registry, EncodedLog log, EventCodec codec, DeliveryCounter counter,
           ChatProperties properties, LiveRooms rooms) {
        this.rooms = rooms;
        this.presenceLiveMax = properties.limits().presenceLiveMax();
        this.registry = registry;
        this.log = log;
        this.codec = codec;
        this.counter = counter;
    }

    public void deliver(StoredBatch batch) {
        int n = batch.events().size();
        byte[][] frames = new byte[n][];
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            frames[i] = codec.frame(batch.events().get(i));
            bytes += frames[i].length;
        }
        long lowestCursor = log.head();
        for (Session s : registry.online()) {
            Outbox outbox = s.outbox();
            if (outbox.lagging(n, bytes)) {
                outbox.overflow();
            }
            long c = outbox.cursor();
            if (c >= 0 && c < lowestCursor) {
                lowestCursor = c;
            }
        }
        // what every reader has passed can go (a login starts at the head, never below)
        log.release(lowestCursor);
        int online = registry.onlineCount();
        boolean livePresence = presenceLiveMax == 0 || online <= presenceLiveMax;
        long deliveries = 0;
        for (int i = 0; i < n; i++) {
            ServerEvent.Stored event = batch.events().get(i);
            String author = author(event);
            String to = recipient(event);
            // the room state moves at this entry's index: members see the room's entries from their join on
            int room = rooms.apply(event, log.next());
            if (room < 0 || !livePresence && (event instanceof ServerEvent.Joined || event instanceof ServerEvent.Left)) {
                log.append(frames[i], key(author), NO_ONE); // stored and in history, not broadcast
                continue;
            }
            boolean extension = event instanceof ServerEvent.RoomEvent;
            log.append(frames[i], key(author), to == null ? null : key(to), room, extension);
            if (room > 0) {
                deliveries += rooms.deliveries(roomOf(event), author) + (to != null ? 1 : 0);
            } else {
                // everyone online but the author (who may be gone already: a left), or the one recipient
                deliveries += to != null ? 1 : online - (registry.online(author) != null ? 1 : 0);
            }
        }
        log.publish();
        for (Session s : registry.online()) {
            Outbox outbox = s.outbox();
            if (outbox.behind()) {
                outbox.wake();
            }
        }
        counter.delivered(deliveries, System.nanoTime() - batch.receivedAt()[0]);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String author(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.from();
            case ServerEvent.FileAvailable f -> f.from();
            case ServerEvent.Joined j -> j.user();
            case ServerEvent.Left l -> l.user();
            // the actor: they get the answer to their request, not the event
            case ServerEvent.RoomJoined e -> e.user();
            case ServerEvent.RoomLeft e -> e.by() != null ? e.by() : e.user();
            case ServerEvent.RoomTopic e -> e.by();
            case ServerEvent.RoomMode e -> e.by();
            case ServerEvent.RoomOp e -> e.by();
            case ServerEvent.RoomBan e -> e.by();
            case ServerEvent.RoomInvite e -> e.by();
            case ServerEvent.RoomClosed e -> e.by();
        };
    }

    private static String roomOf(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.room();
            case ServerEvent.FileAvailable f -> f.room();
            case ServerEvent.RoomEvent r -> r.room();
            default -> null;
        };
    }

    /** The one user who sees the event without anyone else seeing it: a direct event's; an invite's invitee. */
    private static String recipient(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.to();
            case ServerEvent.FileAvailable f -> f.to();
            case ServerEvent.RoomInvite e -> e.user();
            default -> null;
        };
    }
}
