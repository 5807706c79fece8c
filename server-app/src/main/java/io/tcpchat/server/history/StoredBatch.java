package io.tcpchat.server.history;

import io.tcpchat.protocol.ServerEvent;

import java.util.List;

/**
 * Events committed together, in seq order, as the {@code events} channel carries them:
 * fan-out handles a batch at once, so each recipient's writer is woken once per batch.
 * {@code receivedAt[i]} is when the request behind event i arrived (System.nanoTime), for
 * the fan-out timer.
 */
public record StoredBatch(List<ServerEvent.Stored> events, long[] receivedAt) {
}
