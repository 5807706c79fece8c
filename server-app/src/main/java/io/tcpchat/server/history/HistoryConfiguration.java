package io.tcpchat.server.history;

import io.tcpchat.server.ChatProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.PublishSubscribeChannel;
import org.springframework.messaging.MessageChannel;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class HistoryConfiguration {

    /** Every stored event, in seq order, after it is committed; fan-out subscribes. */
    @Bean
    PublishSubscribeChannel events() {
        return new PublishSubscribeChannel();
    }

    @Bean
    @ConditionalOnProperty(name = "chat.history.store", havingValue = "memory")
    EventStore inMemoryEventStore(ChatProperties properties, Clock clock) {
        return new InMemoryEventStore(properties.history().capacity(), clock);
    }

    /** Flyway migrates the schema before this store is made (the dependency says so). */
    @Bean(destroyMethod = "close")
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(name = "chat.history.store", havingValue = "jdbc", matchIfMissing = true)
    EventStore jdbcEventStore(DataSource dataSource, Clock clock, ChatProperties properties) {
        return new JdbcEventStore(dataSource, clock, properties.cluster().enabled());
    }

    /** With the rooms' gate when there is one (the store stage decides room requests). */
    @Bean
    EventLog eventLog(EventStore store, ObjectProvider<EventGate> gate, MessageChannel events,
                      ChatProperties properties) {
        EventLog log = new EventLog(store, gate.getIfAvailable(() -> EventGate.NONE), events,
                properties.history().batchSize(), properties.history().queue());
        if (properties.cluster().enabled()) {
            log.tailed(); // the cluster's tail publishes (package cluster)
        }
        return log;
    }

    @Bean(destroyMethod = "close")
    HistoryRetention historyRetention(EventStore store, ChatProperties properties, Clock clock) {
        return new HistoryRetention(store, properties.history().retention(), clock);
    }
}
