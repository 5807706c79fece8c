package io.tcpchat.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * A browser-like receiver: the server's {@code /ws} through the JDK's WebSocket client, one
 * CHAT/1 JSON event per text message, as the web page gets them. Checks order and loss per
 * sender and keeps its latencies, like a TCP receiver of the fanout scenario. The client's
 * listener is called for one message at a time, so the checker needs no lock.
 */
final class WebReceiver implements WebSocket.Listener {

    final String user;
    final OrderChecker checker;
    final LatencyStats latency = new LatencyStats();
    final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final long origin;
    private final long expected;
    private final LongAdder delivered;
    private final StringBuilder partial = new StringBuilder();
    private long received;
    volatile boolean complete;
    volatile long lastDelivery;
    private WebSocket socket;

    WebReceiver(String user, int senders, long messages, long origin, LongAdder delivered) {
        this.user = user;
        this.checker = new OrderChecker(senders, messages, -1);
        this.expected = senders * messages;
        this.origin = origin;
        this.delivered = delivered;
    }

    /** Connects and logs in (features: rooms, as the page does); returns once welcomed. */
    void open(HttpClient http, URI ws, Duration timeout) throws Exception {
        socket = http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(ws, this).get();
        socket.sendText("{\"type\":\"hello\",\"v\":1,\"user\":\"" + user + "\",\"client\":\"chat-bench web\","
                + "\"features\":[\"rooms\"]}", true);
        welcomed.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            onEvent(partial.toString());
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    private void onEvent(String json) {
        long now = System.nanoTime();
        DeliveredMessage.Fields m = DeliveredMessage.parse(json.getBytes(StandardCharsets.UTF_8));
        if (m != null && m.text() != null) {
            checker.record(m.text().sender(), m.text().seq());
            latency.record(now - origin - m.text().sentNanos());
            delivered.increment();
            lastDelivery = now;
            if (++received == expected) {
                complete = true;
            }
        } else if (json.startsWith("{\"type\":\"welcome\"")) {
            welcomed.complete(null);
        } else if (json.startsWith("{\"type\":\"error\"") || json.startsWith("{\"type\":\"bye\"")) {
            welcomed.completeExceptionally(new IllegalStateException(user + ": " + json));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
        closed.complete(null);
        welcomed.completeExceptionally(new IllegalStateException(user + ": closed " + status + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.complete(null);
        welcomed.completeExceptionally(error);
    }

    void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendText("{\"type\":\"bye\"}", true);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }
}
