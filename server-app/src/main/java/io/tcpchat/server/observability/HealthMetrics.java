package io.tcpchat.server.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tcpchat.server.ChatProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gauges for what health reports but Prometheus cannot scrape as a probe: readiness, and
 * the room left on the data volume. Read at each scrape, so alerts see the state of now.
 */
@Component
class HealthMetrics {

    private final ObjectProvider<HealthEndpoint> health;
    private final Path filesDir;

    HealthMetrics(MeterRegistry registry, ObjectProvider<HealthEndpoint> health, ChatProperties properties) {
        this.health = health;
        this.filesDir = properties.files().dir().toAbsolutePath();
        Gauge.builder("chat.ready", this, HealthMetrics::ready)
                .description("1 while /actuator/health/readiness is UP (the server takes connections), else 0")
                .register(registry);
        Gauge.builder("chat.data.disk.free", this, m -> m.disk(FileStore::getUsableSpace)).baseUnit("bytes")
                .description("bytes free for the server on the file system of chat.files.dir").register(registry);
        Gauge.builder("chat.data.disk.total", this, m -> m.disk(FileStore::getTotalSpace)).baseUnit("bytes")
                .description("size of the file system of chat.files.dir").register(registry);
    }

    // The readiness group as the probe sees it (readinessState, chatListener, db), so the
    // gauge and Kubernetes agree on when the pod is out of its Service.
    private double ready() {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }

    private double disk(IOFunction measure) {
        try {
            return measure.applyAsLong(Files.getFileStore(filesDir));
        } catch (IOException e) {
            return Double.NaN; // no folder (yet): no value rather than a false "full"
        }
    }

    @FunctionalInterface
    private interface IOFunction {
        long applyAsLong(FileStore store) throws IOException;
    }
}
