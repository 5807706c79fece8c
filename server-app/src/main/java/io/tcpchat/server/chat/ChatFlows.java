package io.tcpchat.server.chat;

import io.tcpchat.server.history.StoredBatch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;

@Configuration(proxyBeanMethods = false)
class ChatFlows {

    /** Stored events to the outboxes of those online. */
    @Bean
    IntegrationFlow eventsToOutboxes(FanOut fanOut) {
        return IntegrationFlow.from("events")
                .handle(StoredBatch.class, (batch, headers) -> {
                    fanOut.deliver(batch);
                    return null;
                })
                .get();
    }
}
