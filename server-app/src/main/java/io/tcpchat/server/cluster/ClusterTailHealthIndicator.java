package io.tcpchat.server.cluster;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: in a cluster, DOWN while the tail is not listening or has been behind the
 * log for longer than about a poll interval (a replica that does not deliver what others store
 * should get no new clients). A server alone has no tail: always UP.
 */
@Component("clusterTail")
class ClusterTailHealthIndicator implements HealthIndicator {

    private final ObjectProvider<Tail> tail;

    ClusterTailHealthIndicator(ObjectProvider<Tail> tail) {
        this.tail = tail;
    }

    @Override
    public Health health() {
        Tail t = tail.getIfAvailable();
        if (t == null) {
            return Health.up().build();
        }
        return t.current() ? Health.up().build() : Health.down().withDetail("lagEvents", t.lagEvents()).build();
    }
}
