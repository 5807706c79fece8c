package io.tcpchat.server.chat;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.session.Receipt;
import io.tcpchat.server.session.Session;
import io.tcpchat.server.session.SessionRegistry;
import org.springframework.stereotype.Component;

/**
 * Delivers each stored event to the outboxes of those online who should have it live:
 * everyone but its author, or only the recipient of a direct message. The frame is
 * encoded once and its bytes shared by every outbox. Runs under the event log's lock, on
 * the thread that published the event; it never blocks (outboxes only queue).
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

    public void deliver(ServerEvent.Stored event) {
        long start = System.nanoTime();
        byte[] frame = codec.frame(event);
        String author = author(event);
        String to = recipient(event);
        int delivered = 0;
        if (to != null) {
            Session target = registry.online(to);
            if (target != null && target.outbox().offer(frame)) {
                delivered++;
            }
        } else {
            for (Session s : registry.online()) {
                if ((author == null || !author.equalsIgnoreCase(s.user())) && s.outbox().offer(frame)) {
                    delivered++;
                }
            }
        }
        counter.delivered(delivered, frame.length, System.nanoTime() - Receipt.at(start));
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
