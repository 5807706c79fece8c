package io.tcpchat.server.tcp;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The chat listener as others see it: its port and whether it accepts connections. */
public final class ChatEndpoint {

    private final ChatServerConnectionFactory factory;
    private final ChatServerConnectionFactory plain;

    ChatEndpoint(ChatServerConnectionFactory factory, ChatServerConnectionFactory plain) {
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

    private static int portOf(ChatServerConnectionFactory factory) {
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
        factory.stopAccepting();
        if (plain != null) {
            plain.stopAccepting();
        }
    }
}
