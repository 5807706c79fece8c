package io.tcpchat.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

import java.util.Arrays;
import java.util.stream.Stream;

/** The tcp-chat server: CHAT/1 over Spring Integration TCP. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChatServerApplication {

    public static void main(String[] args) {
        if (Arrays.stream(args).anyMatch(a -> a.startsWith("--chat.accounts.create="))) {
            // creating an account: no listener reachable from outside, no HTTP, and a file store
            // of its own (a server may be running on the real one); the runner exits
            args = Stream.concat(Arrays.stream(args), Stream.of("--chat.port=0", "--chat.bind-address=127.0.0.1",
                    "--chat.tls.plain-port=0", "--spring.main.web-application-type=none",
                    "--chat.files.dir=" + scratchDir())).toArray(String[]::new);
        }
        ConfigurableApplicationContext context = SpringApplication.run(ChatServerApplication.class, args);
        exitCleanlyOnSigterm(context);
    }

    private static String scratchDir() {
        try {
            return java.nio.file.Files.createTempDirectory("tcp-chat-account-tool").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
