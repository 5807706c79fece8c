package io.tcpchat.server.tcp;

import org.springframework.messaging.MessageChannel;

/** Which channel carries frames to connections of a given connection factory (TLS or plain port). */
interface OutboundRoutes {

    MessageChannel channelFor(String connectionFactoryName);
}
