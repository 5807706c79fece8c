package io.tcpchat.server;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.server.session.EncodedLog;
import io.tcpchat.server.session.ServerName;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Beans every feature shares: the codec, the clock, and the threads of the server. */
@Configuration(proxyBeanMethods = false)
class ServerConfiguration {

    @Bean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ServerName serverName(ObjectProvider<BuildProperties> build) {
        BuildProperties props = build.getIfAvailable();
        return new ServerName("tcp-chat/" + (props != null ? props.getVersion() : "dev"));
    }

    /** The live stream every connection's writer reads from. */
    @Bean
    EncodedLog encodedLog(ChatProperties properties) {
        return new EncodedLog(properties.limits().liveLogEntries());
    }

    /** Reader threads: one virtual thread per connection, blocked in its socket read. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService connectionReaders() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-read-", 0).factory());
    }

    /** Outbox writers: a virtual thread per connection while it has something to write. */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService outboxWriters() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chat-write-", 0).factory());
    }

    /** Timeouts and grace periods; the tasks only look and queue, so one thread is enough. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService chatTimers() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-timer").daemon().factory());
    }
}
