package io.tcpchat.server.irc;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.FrameException;
import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.ServerEvent;

import java.util.Arrays;

/**
 * Decoded stored events, shared by every IRC connection's writer. A live event reaches each
 * IRC session as the same bytes (one encoding in the server's live log), and decoding it
 * again per connection cost most of the gateway's CPU per delivery (docs/benchmarks.md,
 * irc-fanout): with this cache one connection decodes it and the others find it.
 * Direct-mapped and lock-free: a slot holds an immutable entry, replaced whole; a lost race
 * only costs a decode.
 */
final class IrcDecodeCache {

    private record Entry(byte[] body, ServerEvent event) {
    }

    private final EventCodec codec;
    private final Entry[] slots;
    private final int mask;

    IrcDecodeCache(EventCodec codec, int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two");
        }
        this.codec = codec;
        this.slots = new Entry[size];
        this.mask = size - 1;
    }

    /** The event of the J frame body at {@code bytes[from, to)}. */
    ServerEvent decode(byte[] bytes, int from, int to) throws FrameException, RequestException {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        int slot = (hash ^ hash >>> 16) & mask;
        Entry e = slots[slot];
        if (e != null && Arrays.equals(e.body, 0, e.body.length, bytes, from, to)) {
            return e.event;
        }
        byte[] body = Arrays.copyOfRange(bytes, from, to);
        ServerEvent event = codec.decodeServer(body);
        if (event instanceof ServerEvent.Stored) { // the same for everyone; answers are one connection's
            slots[slot] = new Entry(body, event);
        }
        return event;
    }
}
