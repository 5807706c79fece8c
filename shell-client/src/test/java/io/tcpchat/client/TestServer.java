package io.tcpchat.client;

import io.tcpchat.server.ChatServerApplication;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

/**
 * A real chat server (server-app) in this JVM, with its history and files under one folder,
 * so that a server started again on the same folder and port remembers what happened.
 */
final class TestServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getBean(ChatEndpoint.class).port();
    }

    /** On a free port. */
    static TestServer start(Path dir) {
        return start(dir, 0);
    }

    static TestServer start(Path dir, int port, String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--chat.port=" + port,
                "--management.server.port=0",
                "--chat.web.port=0", // the web client's listener: a free port, never the default 8081
                "--chat.files.dir=" + dir.resolve("files"),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("history") + ";WRITE_DELAY=0",
                // the client's Spring Shell is on this class path too: it must not run inside the server
                "--spring.autoconfigure.exclude=org.springframework.shell.core.autoconfigure.SpringShellAutoConfiguration",
                "--logging.level.root=warn",
                "--logging.level.io.tcpchat=warn"));
        args.addAll(java.util.List.of(more));
        return new TestServer(new SpringApplicationBuilder(ChatServerApplication.class).run(args.toArray(String[]::new)));
    }

    int port() {
        return port;
    }

    /** Graceful: every client is told {@code bye{server_shutdown}}. */
    @Override
    public void close() {
        context.close();
    }
}
