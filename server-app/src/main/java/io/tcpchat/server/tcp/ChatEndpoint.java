package io.tcpchat.server.tcp;

import org.springframework.integration.ip.tcp.connection.AbstractServerConnectionFactory;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The chat listener as others see it: its port and whether it accepts connections. */
public final class ChatEndpoint {

    private final AbstractServerConnectionFactory factory;
    private final ChatServerConnectionFactory plain;

    ChatEndpoint(AbstractServerConnectionFactory factory, ChatServerConnectionFactory plain) {
        this.factory = factory;
        this.plain = plain;
    }

    /** The plain port beside a TLS one, or -1 when there is none. */
    public int plainPort() {
        return plain == null ? -1 : portOf(plain);
    }

    public boolean listening() {
        return factory.isListening();
    }

    /** The bound port, waiting (up to 10 s) for the listener to be up; useful with {@code chat.port=0}. */
    public int port() {
        return portOf(factory);
    }

    private static int portOf(AbstractServerConnectionFactory factory) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!factory.isListening()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chat listener is not up");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return factory.getPort();
    }

    /** Stops accepting new connections; open ones stay. */
    public void stopAccepting() {
        if (factory instanceof ChatServerConnectionFactory net) {
            net.stopAccepting();
        } else {
            factory.stop(); // the NIO factory, measurement only: closes its connections too
        }
        if (plain != null) {
            plain.stopAccepting();
        }
    }
}
