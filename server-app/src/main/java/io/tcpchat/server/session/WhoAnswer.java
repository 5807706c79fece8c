package io.tcpchat.server.session;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;

import java.util.List;

/**
 * The answer to {@code who}, kept within one frame however many are online: the first
 * names that fit, with {@code total} (how many are online) and {@code more} (the list
 * was cut).
 */
final class WhoAnswer {

    private final EventCodec codec;
    private final int maxFrame;

    WhoAnswer(EventCodec codec, int maxFrame) {
        this.codec = codec;
        this.maxFrame = maxFrame;
    }

    ServerEvent.Users of(List<String> names, String ref) {
        int all = fitting(names, room(names.size(), false, ref));
        if (all == names.size()) {
            return new ServerEvent.Users(List.copyOf(names), names.size(), false, ref);
        }
        int cut = fitting(names, room(names.size(), true, ref));
        return new ServerEvent.Users(List.copyOf(names.subList(0, cut)), names.size(), true, ref);
    }

    /** Bytes left for the names in an answer with these other fields. */
    private long room(int total, boolean more, String ref) {
        // 1: the frame's kind byte counts against maxFrame
        return maxFrame - 1L - codec.toJson(new ServerEvent.Users(List.of(), total, more, ref)).length;
    }

    /** How many of the first names fit in {@code room} bytes. */
    private static int fitting(List<String> names, long room) {
        long used = 0;
        int fit = 0;
        for (String name : names) {
            // names are ASCII with nothing to escape (UserNames): their JSON is the name in quotes
            long cost = name.length() + 2 + (fit > 0 ? 1 : 0);
            if (used + cost > room) {
                break;
            }
            used += cost;
            fit++;
        }
        return fit;
    }
}
