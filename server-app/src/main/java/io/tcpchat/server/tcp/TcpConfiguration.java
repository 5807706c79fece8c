package io.tcpchat.server.tcp;

import io.tcpchat.server.ChatProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;

import java.util.concurrent.ExecutorService;

/**
 * The chat port: one server connection factory shared by the inbound and the outbound
 * adapter, with the CHAT/1 codec set on it, so the flows carry frames, never raw bytes.
 *
 * <p>Net (blocking) connections, not NIO: each connection is read by its own virtual
 * thread, so frames of one socket are handled strictly in order without a resequencer,
 * and a blocked write stalls only that connection's writer. See docs/architecture.md.
 */
@Configuration(proxyBeanMethods = false)
class TcpConfiguration {

    @Bean
    ChatServerConnectionFactory chatConnectionFactory(ChatProperties properties,
                                                          @Qualifier("connectionReaders") ExecutorService readers) {
        ChatServerConnectionFactory factory = new ChatServerConnectionFactory(properties.port());
        factory.setLocalAddress(properties.bindAddress());
        // framing: CHAT/1 frames in; outgoing payloads are batches of frames already encoded
        factory.setDeserializer(new FrameDeserializer((int) properties.limits().maxFrame().toBytes()));
        factory.setSerializer(new ByteArrayRawSerializer());
        factory.setTcpNetConnectionSupport(ChatNetConnection::new);
        factory.setTaskExecutor(readers);
        factory.setSoTcpNoDelay(true);
        factory.setSoKeepAlive(true);
        factory.setLookupHost(false);
        factory.setBacklog(1024);
        return factory;
    }

    /** Frames from clients, routed by kind and event type. */
    @Bean
    IntegrationFlow chatInbound(AbstractServerConnectionFactory chatConnectionFactory, FrameRouter router) {
        return IntegrationFlow.from(Tcp.inboundAdapter(chatConnectionFactory))
                .handle(router)
                .get();
    }

    /** Where outbox writers put their batches (header {@code ip_connectionId} names the connection). */
    @Bean
    DirectChannel outboundFrames() {
        return new DirectChannel();
    }

    /** Batches of frames from outboxes to their connection. */
    @Bean
    IntegrationFlow chatOutbound(AbstractServerConnectionFactory chatConnectionFactory) {
        return IntegrationFlow.from("outboundFrames")
                .handle(Tcp.outboundAdapter(chatConnectionFactory))
                .get();
    }

    @Bean
    @ConditionalOnMissingBean
    InboundCounter noInboundCounter() {
        return new InboundCounter() {
            @Override
            public void received(int bytes) {
            }

            @Override
            public void message() {
            }
        };
    }

    @Bean
    ChatEndpoint chatEndpoint(ChatServerConnectionFactory chatConnectionFactory) {
        return new ChatEndpoint(chatConnectionFactory);
    }
}
