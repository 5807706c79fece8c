package io.tcpchat.server.tcp;

import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.ModernTlsOnly;
import io.tcpchat.server.session.SessionCounter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNioServerConnectionFactory;
import org.springframework.messaging.MessageChannel;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import java.util.concurrent.ExecutorService;

/**
 * The chat port: one server connection factory shared by the inbound and the outbound
 * adapter, with the CHAT/1 codec set on it, so the flows carry frames, never raw bytes.
 * With {@code chat.tls.bundle} set, the chat port speaks TLS, and {@code chat.tls.plain-port}
 * may add a second, plain factory with flows of its own. With {@code chat.proxy-protocol.enabled},
 * connections to the chat port from trusted networks start with a PROXY header (the plain
 * port beside TLS is for local clients and never expects one).
 *
 * <p>Net (blocking) connections, not NIO: each connection is read by its own virtual
 * thread, so frames of one socket are handled strictly in order without a resequencer,
 * and a blocked write stalls only that connection's writer. See docs/architecture.md.
 */
@Configuration(proxyBeanMethods = false)
class TcpConfiguration {

    static final String PLAIN_ENABLED = "'${chat.tls.bundle:}' != '' and ${chat.tls.plain-port:0} > 0";

    @Bean
    AbstractServerConnectionFactory chatConnectionFactory(ChatProperties properties, ObjectProvider<SslBundles> bundles,
                                                          @Qualifier("connectionReaders") ExecutorService readers,
                                                          SessionCounter counter) {
        if (properties.io() == ChatProperties.Io.NIO) {
            return nioFactory(properties, readers);
        }
        if (properties.proxyProtocol().enabled()) {
            ProxyProtocol proxy = new ProxyProtocol(
                    TrustedNetworks.parse(properties.proxyProtocol().trustedNetworks()), counter);
            // the header comes before the TLS handshake: accept plain sockets, layer TLS after it
            SSLSocketFactory tls = properties.tls().enabled()
                    ? bundles.getObject().getBundle(properties.tls().bundle()).createSslContext().getSocketFactory()
                    : null;
            return newFactory(properties.port(), properties, readers, proxy, tls);
        }
        ChatServerConnectionFactory factory = newFactory(properties.port(), properties, readers, null, null);
        if (properties.tls().enabled()) {
            // TLS: the bundle's key and certificate; TLS 1.2 and 1.3 only
            SSLContext context = bundles.getObject().getBundle(properties.tls().bundle()).createSslContext();
            factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
            factory.setTcpSocketSupport(new ModernTlsOnly());
        }
        return factory;
    }

    /** The plain port beside a TLS one, for local use. */
    @Bean
    @ConditionalOnExpression(PLAIN_ENABLED)
    ChatServerConnectionFactory plainConnectionFactory(ChatProperties properties,
                                                       @Qualifier("connectionReaders") ExecutorService readers) {
        ChatServerConnectionFactory factory = newFactory(properties.tls().plainPort(), properties, readers, null, null);
        factory.setLocalAddress(properties.tls().plainBindAddress());
        return factory;
    }

    /**
     * Spring Integration's NIO factory, kept only so that the choice of Net can be measured
     * again (docs/benchmarks.md): it hands frames of one socket to pool threads, which may
     * deliver them out of order, and it has none of ChatNetConnection's tuning.
     */
    private static AbstractServerConnectionFactory nioFactory(ChatProperties properties, ExecutorService readers) {
        if (properties.tls().enabled() || properties.proxyProtocol().enabled()) {
            throw new IllegalStateException("chat.io=nio is for measurement only and has no TLS nor PROXY protocol");
        }
        TcpNioServerConnectionFactory factory = new TcpNioServerConnectionFactory(properties.port());
        factory.setLocalAddress(properties.bindAddress());
        factory.setDeserializer(new FrameDeserializer((int) properties.limits().maxFrame().toBytes()));
        factory.setSerializer(new WriteBatchSerializer());
        factory.setTaskExecutor(readers);
        factory.setSoTcpNoDelay(true);
        factory.setLookupHost(false);
        factory.setBacklog(1024);
        return factory;
    }

    private static ChatServerConnectionFactory newFactory(int port, ChatProperties properties, ExecutorService readers,
                                                          ProxyProtocol proxy, SSLSocketFactory lateTls) {
        ChatServerConnectionFactory factory = new ChatServerConnectionFactory(port);
        factory.setLocalAddress(properties.bindAddress());
        // framing: CHAT/1 frames in; outgoing payloads are batches of frames already encoded
        factory.setDeserializer(new FrameDeserializer((int) properties.limits().maxFrame().toBytes()));
        factory.setSerializer(new WriteBatchSerializer());
        factory.setMapper(new ChatMessageMapper());
        int handshakeMillis = (int) Math.min(Integer.MAX_VALUE, properties.limits().helloTimeout().toMillis());
        factory.setTcpNetConnectionSupport((socket, server, lookupHost, publisher, name) ->
                new ChatNetConnection(socket, server, lookupHost, publisher, name, handshakeMillis, proxy, lateTls));
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
    @ConditionalOnExpression(PLAIN_ENABLED)
    IntegrationFlow plainInbound(@Qualifier("plainConnectionFactory") ChatServerConnectionFactory plain,
                                 FrameRouter router) {
        return IntegrationFlow.from(Tcp.inboundAdapter(plain))
                .handle(router)
                .get();
    }

    @Bean
    @ConditionalOnExpression(PLAIN_ENABLED)
    DirectChannel outboundPlainFrames() {
        return new DirectChannel();
    }

    @Bean
    @ConditionalOnExpression(PLAIN_ENABLED)
    IntegrationFlow plainOutbound(@Qualifier("plainConnectionFactory") ChatServerConnectionFactory plain) {
        return IntegrationFlow.from("outboundPlainFrames")
                .handle(Tcp.outboundAdapter(plain))
                .get();
    }

    /** Each connection's frames go back through the factory that accepted it. */
    @Bean
    OutboundRoutes outboundRoutes(@Qualifier("outboundFrames") MessageChannel outboundFrames,
                                  @Qualifier("outboundPlainFrames") ObjectProvider<MessageChannel> plainFrames) {
        MessageChannel plain = plainFrames.getIfAvailable();
        return factoryName -> plain != null && "plainConnectionFactory".equals(factoryName) ? plain : outboundFrames;
    }

    @Bean
    ChatEndpoint chatEndpoint(AbstractServerConnectionFactory chatConnectionFactory,
                              @Qualifier("plainConnectionFactory") ObjectProvider<ChatServerConnectionFactory> plain) {
        return new ChatEndpoint(chatConnectionFactory, plain.getIfAvailable());
    }
}
