package io.tcpchat.server.observability;

import io.tcpchat.server.tcp.ChatEndpoint;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP while the chat port accepts connections; part of the readiness group. */
@Component("chatListener")
class ChatListenerHealthIndicator implements HealthIndicator {

    private final ChatEndpoint endpoint;

    ChatListenerHealthIndicator(ChatEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Health health() {
        return endpoint.listening() ? Health.up().build() : Health.down().build();
    }
}
