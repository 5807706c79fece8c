package io.tcpchat.server.history;

import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.RequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the {@link EventGate} made of one batch of drafts, in queue order: how many events each
 * draft became (none when it was refused or changed nothing) and each refusal. Filled on the
 * event log's store thread, read by its publisher to time the events and answer the requests.
 */
final class GateDecisions {

    private static final Logger log = LoggerFactory.getLogger(GateDecisions.class);

    private final int size;
    /** {@code null} while every draft became exactly one event (the common batch: no allocation). */
    private int[] counts;
    /** {@code null} while nothing was refused. */
    private RequestException[] refusals;

    GateDecisions(int size) {
        this.size = size;
    }

    /**
     * Runs the gate on each draft, in order, and returns the drafts to store. Forgets an earlier
     * run: a store may decide a batch again (a cluster's retried transaction).
     */
    List<EventDraft> decide(EventGate gate, List<EventDraft> batch) {
        counts = null;
        refusals = null;
        List<EventDraft> drafts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            EventDraft draft = batch.get(i);
            List<EventDraft> decided;
            try {
                decided = gate.decide(draft);
            } catch (RequestException e) {
                refuse(i, e);
                decided = List.of();
            } catch (RuntimeException e) {
                log.error("deciding a {} failed; its sender is told", draft.getClass().getSimpleName(), e);
                refuse(i, new RequestException(ErrorCode.INTERNAL, "internal error", null));
                decided = List.of();
            }
            if (decided == null) {
                drafts.add(draft);
                if (counts != null) {
                    counts[i] = 1;
                }
                continue;
            }
            if (counts == null) {
                counts = new int[size];
                Arrays.fill(counts, 0, i, 1);
            }
            counts[i] = decided.size();
            drafts.addAll(decided);
        }
        return drafts;
    }

    private void refuse(int i, RequestException e) {
        if (refusals == null) {
            refusals = new RequestException[size];
        }
        refusals[i] = e;
    }

    /** How many stored events draft {@code i} became. */
    int count(int i) {
        return counts == null ? 1 : counts[i];
    }

    /** Why draft {@code i} was refused, or {@code null}. */
    RequestException refusal(int i) {
        return refusals == null ? null : refusals[i];
    }
}
