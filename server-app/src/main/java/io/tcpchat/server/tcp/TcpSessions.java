package io.tcpchat.server.tcp;

import io.tcpchat.server.session.SessionService;
import io.tcpchat.server.session.WriteBatch;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Tells the session service about CHAT/1 connections the TCP adapters open and close, and
 * gives each session a writer: its outbox's writes go to the outbound adapter of the
 * connection factory (plain or TLS port) that accepted it. Connection events of other
 * listeners' factories (the IRC gateway's) are theirs: ignored here.
 */
@Component
class TcpSessions {

    static final String PROTOCOL = "chat";
    /** The chat port's factories (TcpConfiguration's bean names). */
    private static final Set<String> FACTORIES = Set.of("chatConnectionFactory", "plainConnectionFactory");

    private final SessionService sessions;
    private final OutboundRoutes outbound;

    TcpSessions(SessionService sessions, OutboundRoutes outbound) {
        this.sessions = sessions;
        this.outbound = outbound;
    }

    @EventListener
    public void onOpen(TcpConnectionOpenEvent event) {
        if (!FACTORIES.contains(event.getConnectionFactoryName())) {
            return;
        }
        TcpConnection connection = (TcpConnection) event.getSource();
        String id = connection.getConnectionId();
        MessageChannel channel = outbound.channelFor(event.getConnectionFactoryName());
        sessions.open(id, connection.getHostAddress(), PROTOCOL,
                (bytes, length) -> channel.send(MessageBuilder.withPayload(new WriteBatch(bytes, length))
                        .setHeader(IpHeaders.CONNECTION_ID, id).build()),
                connection::close);
    }

    @EventListener
    public void onClose(TcpConnectionCloseEvent event) {
        if (!FACTORIES.contains(event.getConnectionFactoryName())) {
            return;
        }
        sessions.closed(((TcpConnection) event.getSource()).getConnectionId());
    }
}
