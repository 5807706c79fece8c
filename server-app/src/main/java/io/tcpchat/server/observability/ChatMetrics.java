package io.tcpchat.server.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tcpchat.protocol.ErrorCode;
import io.tcpchat.protocol.LeaveReason;
import io.tcpchat.server.accounts.AuthCounter;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.chat.DeliveryCounter;
import io.tcpchat.server.files.FileStore;
import io.tcpchat.server.files.TransferCounter;
import io.tcpchat.server.session.SessionCounter;
import io.tcpchat.server.session.SessionRegistry;
import io.tcpchat.server.tcp.InboundCounter;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's Micrometer meters, fed through the small counter interfaces each feature
 * declares (so features do not depend on Micrometer). Names as Prometheus shows them are
 * listed in docs/operations.md. Hot-path meters are plain counters; the distributions
 * (outbox depth per batch, fan-out time per event) are recorded once per batch or event,
 * not per delivery.
 */
@Component
class ChatMetrics implements DeliveryCounter, InboundCounter, SessionCounter, TransferCounter, AuthCounter {

    private final MeterRegistry registry;
    private final Counter messagesReceived;
    private final Counter delivered;
    private final Counter bytesReceived;
    private final Counter bytesSent;
    private final Counter filesUploaded;
    private final Counter fileBytesUploaded;
    private final Counter fileBytesDownloaded;
    private final DistributionSummary outboxBytes;
    private final Timer fanout;
    private final ConcurrentHashMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<LeaveReason, Counter> disconnects = new ConcurrentHashMap<>();
    private final EnumMap<AuthCounter.Failure, Counter> authFailures = new EnumMap<>(AuthCounter.Failure.class);
    private final Counter lockouts;
    private final Counter registrations;

    ChatMetrics(MeterRegistry registry, SessionRegistry sessions, FileStore store, ChatProperties properties) {
        this.registry = registry;
        Gauge.builder("chat.connections.open", sessions, SessionRegistry::connectionCount)
                .description("open connections, every transport").register(registry);
        for (String protocol : List.of("chat", "web")) {
            // by transport: CHAT/1 over TCP, or the browser client's WebSocket; a walk per scrape
            Gauge.builder("chat.connections.protocol", sessions,
                            r -> r.connections().stream().filter(s -> protocol.equals(s.protocol())).count())
                    .tag("protocol", protocol).description("open connections by transport").register(registry);
        }
        Gauge.builder("chat.sessions.active", sessions, SessionRegistry::onlineCount)
                .description("logged-in users").register(registry);
        Gauge.builder("chat.file.store.bytes", store, FileStore::usedBytes)
                .description("bytes held by stored files").register(registry);
        long quota = properties.files().quota().toBytes();
        Gauge.builder("chat.file.store.quota.bytes", () -> quota)
                .description("bytes the file store may hold (chat.files.quota)").register(registry);
        messagesReceived = Counter.builder("chat.messages.received").description("msg requests received").register(registry);
        delivered = Counter.builder("chat.messages.delivered")
                .description("stored events (messages, files, presence) queued live to recipients").register(registry);
        bytesReceived = Counter.builder("chat.bytes.received").description("frame bytes read").register(registry);
        bytesSent = Counter.builder("chat.bytes.sent").description("bytes written to sockets").register(registry);
        filesUploaded = Counter.builder("chat.files.uploaded").description("uploads stored").register(registry);
        fileBytesUploaded = Counter.builder("chat.file.bytes.uploaded").description("upload data bytes received")
                .register(registry);
        fileBytesDownloaded = Counter.builder("chat.file.bytes.downloaded").description("download data bytes sent")
                .register(registry);
        outboxBytes = DistributionSummary.builder("chat.outbox.bytes")
                .description("bytes queued in an outbox when its writer takes a batch")
                .publishPercentileHistogram().minimumExpectedValue(64.0).maximumExpectedValue(64.0 * 1024 * 1024)
                .register(registry);
        fanout = Timer.builder("chat.fanout")
                .description("per committed batch: from receipt of its oldest request to its events being in the live log")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry);
        lockouts = Counter.builder("chat.auth.lockouts").description("names or addresses locked out after failed logins")
                .register(registry);
        registrations = Counter.builder("chat.accounts.registered").description("accounts created").register(registry);
        // Every labelled series exists at 0 from the start: rate() and increase() need a
        // sample before the first event, or an alert misses it (Prometheus instrumentation
        // practice). Codes outside the enums still get a series when first seen.
        for (ErrorCode code : ErrorCode.values()) {
            errorCounter(code.wire());
        }
        for (LeaveReason reason : LeaveReason.values()) {
            disconnectCounter(reason);
        }
        for (AuthCounter.Failure reason : AuthCounter.Failure.values()) {
            authFailures.put(reason, Counter.builder("chat.auth.failures").tag("reason", reason.wire())
                    .description("refused logins, by reason").register(registry));
        }
    }

    @Override
    public void delivered(long deliveries, long nanos) {
        delivered.increment(deliveries);
        fanout.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void received(int bytes) {
        bytesReceived.increment(bytes);
    }

    @Override
    public void message() {
        messagesReceived.increment();
    }

    @Override
    public void error(String code) {
        errorCounter(code).increment();
    }

    private Counter errorCounter(String code) {
        return errors.computeIfAbsent(code, c -> Counter.builder("chat.errors").tag("code", c)
                .description("protocol errors sent, by code").register(registry));
    }

    @Override
    public void disconnected(LeaveReason reason) {
        disconnectCounter(reason).increment();
    }

    private Counter disconnectCounter(LeaveReason reason) {
        return disconnects.computeIfAbsent(reason, r -> Counter.builder("chat.disconnects").tag("reason", r.wire())
                .description("closed connections, by reason").register(registry));
    }

    @Override
    public void sent(int bytes) {
        bytesSent.increment(bytes);
    }

    @Override
    public void outboxDepth(long bytes) {
        outboxBytes.record(bytes);
    }

    @Override
    public void uploaded(long bytes) {
        filesUploaded.increment();
    }

    @Override
    public void uploadedBytes(int bytes) {
        fileBytesUploaded.increment(bytes);
    }

    @Override
    public void downloadedBytes(int bytes) {
        fileBytesDownloaded.increment(bytes);
    }

    @Override
    public void failure(AuthCounter.Failure reason) {
        authFailures.get(reason).increment();
    }

    @Override
    public void lockout() {
        lockouts.increment();
    }

    @Override
    public void registered() {
        registrations.increment();
    }
}
