package io.tcpchat.server.irc;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The IRC listener as others (tests, the load mode) see it: its port once it listens. */
public final class IrcEndpoint {

    private final AbstractServerConnectionFactory factory;

    IrcEndpoint(AbstractServerConnectionFactory factory) {
        this.factory = factory;
    }

    /** The bound port, waiting (up to 10 s) for the listener; useful with {@code chat.irc.port=0}. */
    public int port() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!factory.isListening()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("IRC listener is not up");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return factory.getPort();
    }
}
