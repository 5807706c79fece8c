package io.tcpchat.server.history;

import io.tcpchat.server.ChatProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.messaging.MessageChannel;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    /** Every stored event, in seq order; fan-out (and later the cluster bridge) subscribe. */
    @Bean
    PublishSubscribeChannel events() {
        return new PublishSubscribeChannel();
    }

    @Bean
    @ConditionalOnMissingBean(EventStore.class)
    EventStore inMemoryEventStore(ChatProperties properties, Clock clock) {
        return new InMemoryEventStore(properties.history().capacity(), clock);
    }

    @Bean
    EventLog eventLog(EventStore store, MessageChannel events) {
        return new EventLog(store, events);
    }
}
