package io.tcpchat.server.irc;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.history.HistoryService;
import io.tcpchat.server.requests.RequestRouter;
import io.tcpchat.server.rooms.RoomService;
import io.tcpchat.server.session.SessionRegistry;
import io.tcpchat.server.session.SessionService;

/** What every IRC connection uses of the server: one instance, shared. */
record IrcContext(SessionService sessions, SessionRegistry registry, RequestRouter router, HistoryService history,
                  RoomService rooms,
                  EventCodec codec, IrcDecodeCache decoded, ChatProperties properties, IrcMetrics metrics,
                  String version) {

    ChatProperties.Irc irc() {
        return properties.irc();
    }

    String server() {
        return properties.irc().serverName();
    }
}
