package io.tcpchat.server.irc;

import io.micrometer.core.instrument.MeterRegistry;
import io.tcpchat.protocol.EventCodec;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.ModernTlsOnly;
import io.tcpchat.server.history.HistoryService;
import io.tcpchat.server.requests.RequestRouter;
import io.tcpchat.server.rooms.RoomService;
import io.tcpchat.server.session.ServerName;
import io.tcpchat.server.session.SessionRegistry;
import io.tcpchat.server.session.SessionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.ip.dsl.Tcp;
import org.springframework.integration.ip.tcp.connection.DefaultTcpNetSSLSocketFactorySupport;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.tcp.serializer.ByteArrayRawSerializer;
import org.springframework.messaging.MessageChannel;

import javax.net.ssl.SSLContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The IRC port (with {@code chat.irc.enabled}): its own connection factory, with the IRC line
 * codec set on it, shared by a short inbound flow (lines to the {@link IrcGateway}) and an
 * outbound one (encoded lines back to their connection), as the chat port is built. Net
 * connections on the same virtual-thread readers: one reader per connection, lines in order.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "chat.irc", name = "enabled", havingValue = "true")
class IrcConfiguration {

    /** The factory's bean name: connection events carry it, so each listener knows its own. */
    static final String FACTORY = "ircConnectionFactory";

    @Bean(FACTORY)
    TcpNetServerConnectionFactory ircConnectionFactory(ChatProperties properties, ObjectProvider<SslBundles> bundles,
                                                        @Qualifier("connectionReaders") ExecutorService readers) {
        ChatProperties.Irc irc = properties.irc();
        TcpNetServerConnectionFactory factory = new TcpNetServerConnectionFactory(irc.port());
        factory.setLocalAddress(irc.bindAddress());
        // framing: IRC lines in (417 for over-long ones); outgoing payloads are lines already encoded
        factory.setDeserializer(new IrcLineCodec());
        factory.setSerializer(new ByteArrayRawSerializer());
        factory.setTcpNetConnectionSupport(IrcNetConnection::new);
        factory.setTaskExecutor(readers);
        factory.setSoTcpNoDelay(true);
        factory.setSoKeepAlive(true);
        factory.setLookupHost(false);
        factory.setBacklog(1024);
        if (irc.tls() && properties.tls().enabled()) {
            // the chat port's SSL bundle; TLS 1.2 and 1.3 only
            SSLContext context = bundles.getObject().getBundle(properties.tls().bundle()).createSslContext();
            factory.setTcpSocketFactorySupport(new DefaultTcpNetSSLSocketFactorySupport(() -> context));
            factory.setTcpSocketSupport(new ModernTlsOnly());
        }
        return factory;
    }

    @Bean
    IrcGateway ircGateway(SessionService sessions, SessionRegistry registry, RequestRouter router,
                          HistoryService history, RoomService rooms, EventCodec codec, ChatProperties properties,
                          MeterRegistry meters,
                          ServerName serverName, @Qualifier("ircLines") MessageChannel ircLines,
                          @Qualifier("chatTimers") ScheduledExecutorService timers) {
        IrcGateway[] gateway = new IrcGateway[1];
        IrcMetrics metrics = new IrcMetrics(meters, () -> gateway[0] == null ? 0 : gateway[0].open());
        gateway[0] = new IrcGateway(new IrcContext(sessions, registry, router, history, rooms, codec,
                new IrcDecodeCache(codec, 4096), properties, metrics,
                serverName.value().replace(' ', '-')), ircLines, timers);
        return gateway[0];
    }

    /** Lines from IRC clients, each handed to its connection on the connection's reader thread. */
    @Bean
    IntegrationFlow ircInbound(@Qualifier(FACTORY) TcpNetServerConnectionFactory factory, IrcGateway gateway) {
        return IntegrationFlow.from(Tcp.inboundAdapter(factory))
                .handle(gateway)
                .get();
    }

    /** Where connections put their encoded lines (header {@code ip_connectionId} names the connection). */
    @Bean
    DirectChannel ircLines() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow ircOutbound(@Qualifier(FACTORY) TcpNetServerConnectionFactory factory) {
        return IntegrationFlow.from("ircLines")
                .handle(Tcp.outboundAdapter(factory))
                .get();
    }

    @Bean
    IrcEndpoint ircEndpoint(@Qualifier(FACTORY) TcpNetServerConnectionFactory factory) {
        return new IrcEndpoint(factory);
    }
}
