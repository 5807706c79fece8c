package io.tcpchat.server.tcp;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** The chat listener as others see it: its port and whether it accepts connections. */
public final class ChatEndpoint {

    private final ChatServerConnectionFactory factory;

    ChatEndpoint(ChatServerConnectionFactory factory) {
        this.factory = factory;
    }

    public boolean listening() {
        return factory.isListening();
    }

    /** The bound port, waiting (up to 10 s) for the listener to be up; useful with {@code chat.port=0}. */
    public int port() {
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
    }
}
