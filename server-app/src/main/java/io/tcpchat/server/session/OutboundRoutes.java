package io.tcpchat.server.session;

import org.springframework.messaging.MessageChannel;

/** Which channel carries frames to connections of a given connection factory (TLS or plain port). */
public interface OutboundRoutes {

    MessageChannel channelFor(String connectionFactoryName);
}
