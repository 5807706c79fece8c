package io.tcpchat.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/** The tcp-chat server: CHAT/1 over Spring Integration TCP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatServerApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(ChatServerApplication.class, args);
        exitCleanlyOnSigterm(context);
    }

    /**
     * SIGTERM is how an orchestrator asks a service to stop; a graceful stop is a success, so
     * the process exits 0 after the context has closed (the JVM default would be 143).
     */
    private static void exitCleanlyOnSigterm(ConfigurableApplicationContext context) {
        Signal.handle(new Signal("TERM"), signal -> Thread.ofPlatform().name("sigterm").start(
                () -> System.exit(SpringApplication.exit(context, () -> 0))));
    }
}
