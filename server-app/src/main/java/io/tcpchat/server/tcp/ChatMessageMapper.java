package io.tcpchat.server.tcp;

import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpMessageMapper;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.GenericMessage;

import java.util.Map;

/**
 * Inbound messages carry the frames of one read and the one header the router needs, the
 * connection id. The stock mapper also adds the peer's host, address, port and the local
 * address to every message: measured, that cost a getsockname system call and a header map
 * of seven entries per read, for headers nothing here reads.
 */
final class ChatMessageMapper extends TcpMessageMapper {

    @Override
    public Message<?> toMessage(TcpConnection connection, Map<String, Object> headers) {
        Object payload = connection.getPayload();
        if (payload == null) {
            return null;
        }
        return new GenericMessage<>(payload, Map.of(IpHeaders.CONNECTION_ID, connection.getConnectionId()));
    }
}
