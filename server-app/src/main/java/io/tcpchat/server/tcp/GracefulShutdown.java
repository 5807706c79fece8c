package io.tcpchat.server.tcp;

import io.tcpchat.server.ChatProperties;
import io.tcpchat.server.session.SessionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Ends the chat service before anything else stops. By the time this runs, Spring Boot has
 * already turned readiness to REFUSING_TRAFFIC (on the context-closed event); this stops
 * the listener, tells every client {@code bye{server_shutdown}} and lets outboxes drain
 * for up to {@code chat.shutdown-timeout}. Uploads in progress are discarded as their
 * connections close.
 */
@Component
class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final ChatEndpoint endpoint;
    private final SessionService sessions;
    private final ChatProperties properties;
    private volatile boolean running;

    GracefulShutdown(ChatEndpoint endpoint, SessionService sessions, ChatProperties properties) {
        this.endpoint = endpoint;
        this.sessions = sessions;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info("shutting down: no new connections, bye{{server_shutdown}} to every client");
        endpoint.stopAccepting();
        sessions.shutdown(properties.shutdownTimeout());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Highest phase: stopped first, while the connection factory and flows still run. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
