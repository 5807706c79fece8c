package io.tcpchat.server.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.EventLog;
import io.tcpchat.server.history.EventStore;
import io.tcpchat.server.history.JdbcEventStore;
import io.tcpchat.server.history.LoadedAt;
import io.tcpchat.server.session.SessionService;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The cluster (chat.cluster.enabled): replicas sharing one PostgreSQL database. The history
 * package numbers batches under the counter row's lock when told so (HistoryConfiguration reads
 * the same switch); here are the tail that publishes, the shared names, the heartbeats and their
 * metrics. Off, none of these beans exist and the server is exactly what it is alone.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "chat.cluster.enabled", havingValue = "true")
class ClusterConfiguration {

    /** Refuses to start where replicas could not share anything: on H2, or with in-memory history. */
    @Bean
    ClusterDatabase clusterDatabase(DataSource dataSource, ChatProperties properties) {
        if (properties.history().store() != ChatProperties.History.StoreType.JDBC) {
            throw new IllegalStateException("chat.cluster.enabled needs chat.history.store: jdbc on PostgreSQL");
        }
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            if (!"PostgreSQL".equalsIgnoreCase(product)) {
                throw new IllegalStateException("chat.cluster.enabled needs PostgreSQL (the \"postgres\" profile, "
                        + "spring.datasource.url jdbc:postgresql://...), not " + product
                        + ": every replica must share one database");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the cluster's database is not reachable", e);
        }
        if (properties.files().store() != ChatProperties.Files.StoreType.POSTGRES) {
            LoggerFactory.getLogger(ClusterConfiguration.class).warn("chat.cluster.enabled with chat.files.store: local: "
                    + "a file is downloadable only from the replica it was uploaded to; use chat.files.store: postgres");
        }
        return new ClusterDatabase(properties.cluster().node());
    }

    @Bean
    @DependsOnDatabaseInitialization
    OnlineTable onlineTable(DataSource dataSource, ClusterDatabase database) {
        return new OnlineTable(dataSource, database.nodeId());
    }

    /** Lockouts that hold on every replica (AccountsConfiguration takes it instead of its in-memory one). */
    @Bean
    @DependsOnDatabaseInitialization
    SharedThrottle sharedThrottle(DataSource dataSource, ChatProperties properties, ClusterDatabase database) {
        return new SharedThrottle(dataSource, properties.auth().lockout());
    }

    @Bean
    NodeHeartbeat nodeHeartbeat(DataSource dataSource, EventLog eventLog, ClusterDatabase database,
                                ChatProperties properties, ObjectProvider<SessionService> sessions) {
        ChatProperties.Cluster c = properties.cluster();
        return new NodeHeartbeat(dataSource, eventLog, database.nodeId(), c.heartbeatInterval(), c.deadAfter(),
                () -> sessions.getObject().closeAll());
    }

    @Bean
    Tail tail(EventLog eventLog, EventStore store, DataSource dataSource, ClusterDatabase database,
              ChatProperties properties, ObjectProvider<LoadedAt> loaded) {
        ChatProperties.Cluster c = properties.cluster();
        return new Tail(eventLog, store, dataSource, c.pollInterval(), c.pageSize(), database.nodeId(),
                () -> loaded.orderedStream().mapToLong(LoadedAt::loadedAt).min().orElse(Long.MAX_VALUE));
    }

    @Bean
    ClusterMetrics clusterMetrics(MeterRegistry registry, Tail tail, NodeHeartbeat heartbeat, EventStore store) {
        ClusterMetrics metrics = new ClusterMetrics(registry, tail, heartbeat);
        if (store instanceof JdbcEventStore jdbc) {
            jdbc.timeAssignments(metrics::assigned);
        }
        return metrics;
    }

    /** This replica's identity, known once the database is found fit. */
    record ClusterDatabase(String nodeId) {
    }
}
