package io.tcpchat.server.chat;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.history.StoredBatch;
import io.tcpchat.server.session.Outbox;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * Delivers each batch of stored events to the outboxes of those online who should have
 * them live: everyone but the author, or only the recipient of a direct message. Each frame
 * is encoded once and its bytes shared by every outbox; each outbox gets all its frames of
 * the batch and then one wake-up, so its writer can send them in one write. Runs under the
 * event log's lock on its committer thread, and never blocks (outboxes only queue).
 */
@Component
public class FanOut {

    private final SessionRegistry registry;
    private final EventCodec codec;
    private final DeliveryCounter counter;

    FanOut(SessionRegistry registry, EventCodec codec, DeliveryCounter counter) {
        this.registry = registry;
        this.codec = codec;
        this.counter = counter;
    }

    public void deliver(StoredBatch batch) {
        int n = batch.events().size();
        byte[][] frames = new byte[n][];
        String[] authors = new String[n];
        String[] recipients = new String[n];
        for (int i = 0; i < n; i++) {
            ServerEvent.Stored event = batch.events().get(i);
            frames[i] = codec.frame(event);
            authors[i] = author(event);
            recipients[i] = recipient(event);
        }
        int[] delivered = new int[n];
        for (Session s : registry.online()) {
            Outbox outbox = s.outbox();
            String user = s.user();
            boolean queued = false;
            for (int i = 0; i < n; i++) {
                boolean live = recipients[i] != null ? recipients[i].equalsIgnoreCase(user)
                        : !authors[i].equalsIgnoreCase(user);
                if (live) {
                    if (!outbox.append(frames[i])) {
                        break; // refused: this one is being dropped as a slow consumer
                    }
                    queued = true;
                    delivered[i]++;
                }
            }
            if (queued) {
                outbox.flush();
            }
        }
        long now = System.nanoTime();
        for (int i = 0; i < n; i++) {
            counter.delivered(delivered[i], frames[i].length, now - batch.receivedAt()[i]);
        }
    }

    private static String author(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.from();
            case ServerEvent.FileAvailable f -> f.from();
            case ServerEvent.Joined j -> j.user();
            case ServerEvent.Left l -> l.user();
        };
    }

    private static String recipient(ServerEvent.Stored event) {
        return switch (event) {
            case ServerEvent.ChatMessage m -> m.to();
            case ServerEvent.FileAvailable f -> f.to();
            default -> null;
        };
    }
}
