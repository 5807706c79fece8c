package io.tcpchat.server.irc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.integration.ip.IpHeaders;
import org.springframework.integration.ip.tcp.connection.TcpConnection;
import org.springframework.integration.ip.tcp.connection.TcpConnectionCloseEvent;
import org.springframework.integration.ip.tcp.connection.TcpConnectionOpenEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.support.MessageBuilder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.tcpchat.server.irc.IrcNumerics.*;

/**
 * The IRC listener's connections: made on the open event of the IRC connection factory (and
 * only of it), each line handed to its connection on its reader thread, and a sweep that
 * pings quiet clients (so the server's idle timeout only closes the dead ones) and closes
 * those that never finish registering.
 */
final class IrcGateway implements MessageHandler {

    static final String PROTOCOL = "irc";
    private static final Logger log = LoggerFactory.getLogger(IrcGateway.class);

    private final IrcContext ctx;
    private final MessageChannel outbound;
    private final Map<String, Peer> peers = new ConcurrentHashMap<>();

    /** One connection and its reader-side handlers. */
    private record Peer(IrcConnection connection, IrcRegistration registration, IrcCommands commands, IrcFlood flood) {
    }

    IrcGateway(IrcContext ctx, MessageChannel outbound, ScheduledExecutorService timers) {
        this.ctx = ctx;
        this.outbound = outbound;
        timers.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    int open() {
        return peers.size();
    }

    @EventListener
    public void onOpen(TcpConnectionOpenEvent event) {
        if (!IrcConfiguration.FACTORY.equals(event.getConnectionFactoryName())) {
            return; // a CHAT/1 connection: TcpSessions' business
        }
        TcpConnection tcp = (TcpConnection) event.getSource();
        String id = tcp.getConnectionId();
        IrcConnection c = new IrcConnection(ctx, id, tcp.getHostAddress(),
                bytes -> outbound.send(MessageBuilder.withPayload(bytes)
                        .setHeader(IpHeaders.CONNECTION_ID, id).build()),
                tcp::close);
        var limits = ctx.properties().limits();
        IrcFlood flood = new IrcFlood(limits.rate(), limits.burst());
        peers.put(id, new Peer(c, new IrcRegistration(c), new IrcCommands(c), flood));
        c.openSession();
    }

    @EventListener
    public void onClose(TcpConnectionCloseEvent event) {
        if (!IrcConfiguration.FACTORY.equals(event.getConnectionFactoryName())) {
            return;
        }
        Peer peer = peers.remove(((TcpConnection) event.getSource()).getConnectionId());
        if (peer != null) {
            peer.connection().socketClosed();
        }
    }

    /** A line from a client, on its connection's reader thread. */
    @Override
    public void handleMessage(Message<?> message) {
        Peer peer = peers.get((String) message.getHeaders().get(IpHeaders.CONNECTION_ID));
        if (peer == null || peer.connection().closing()) {
            return;
        }
        IrcConnection c = peer.connection();
        long now = System.nanoTime();
        c.lastRead = now;
        c.pinged = false;
        if (c.session() != null) {
            c.session().touch(now);
        }
        try {
            switch (message.getPayload()) {
                case IrcLineCodec.TooLong tooLong -> {
                    ctx.metrics().tooLong();
                    c.sendNow(c.numeric(ERR_INPUTTOOLONG, "Input line was too long"));
                }
                case IrcLineCodec.Line line -> {
                    ctx.metrics().received();
                    IrcMessage m = IrcMessage.parse(line.text());
                    if (m != null) {
                        dispatch(peer, m);
                    }
                }
                default -> throw new IllegalStateException("unexpected payload " + message.getPayload().getClass());
            }
        } catch (RuntimeException e) {
            log.error("internal error serving {}", c, e);
            c.sendNow(IrcLines.lineTrailing(null, ctx.server(), "NOTICE", c.nick() == null ? "*" : c.nick(),
                    "internal error"));
        }
    }

    private void dispatch(Peer peer, IrcMessage m) {
        IrcConnection c = peer.connection();
        switch (m.command()) {
            case "PING" -> c.sendNow(m.arity() < 1 ? c.numeric("409", "No origin specified")
                    : IrcLines.line(null, ctx.server(), "PONG", ctx.server(), m.param(0)));
            case "PONG" -> {
                // the read itself kept the connection alive
            }
            case "QUIT" -> quit(c, m.param(0));
            default -> {
                peer.flood().pace();
                if (peer.registration().handle(m)) {
                    return;
                }
                if (!c.registered()) {
                    c.sendNow(c.numeric(ERR_NOTREGISTERED, "You have not registered"));
                } else {
                    peer.commands().handle(m);
                }
            }
        }
    }

    /** RFC 2812 §3.1.7: the server answers QUIT with ERROR and closes. */
    private void quit(IrcConnection c, String message) {
        c.sendNow("ERROR :Closing link: " + IrcLines.HOST + " (Quit: " + (message == null ? "" : message) + ")");
        if (c.session() != null && !c.session().closing()) {
            c.request(new io.tcpchat.protocol.ClientEvent.Bye(null));
        }
        c.closeSocket();
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            long hello = ctx.properties().limits().helloTimeout().toNanos();
            long idle = ctx.properties().limits().idleTimeout().toNanos();
            for (Peer peer : peers.values()) {
                IrcConnection c = peer.connection();
                if (c.closing()) {
                    continue;
                }
                if (!c.registered() && now - c.openedAt > hello) {
                    // the sessions' own hello timeout restarts with each retried nick; this one does not
                    Thread.ofVirtual().start(() -> {
                        c.sendNow("ERROR :Closing link: " + IrcLines.HOST + " (Registration timed out)");
                        c.closeSocket();
                    });
                } else if (c.registered() && !c.pinged && now - c.lastRead > idle / 2) {
                    c.pinged = true;
                    // a write may block on a stuck socket: never on the timer thread
                    Thread.ofVirtual().start(() -> c.sendNow("PING :" + ctx.server()));
                }
            }
        } catch (RuntimeException e) {
            log.warn("irc sweep failed", e);
        }
    }
}
