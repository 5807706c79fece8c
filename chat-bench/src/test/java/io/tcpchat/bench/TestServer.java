package io.tcpchat.bench;

import io.tcpchat.server.ChatServerApplication;
import io.tcpchat.server.tcp.ChatEndpoint;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real server, started in-process on a free port with the request rate limit off, storing
 * everything under {@code dir}; {@code extra} adds or overrides settings.
 */
final class TestServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private TestServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static TestServer start(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--chat.port=0", "--management.server.port=0", "--chat.web.port=0",
                "--chat.limits.rate=0", "--chat.files.dir=" + dir.resolve("files"),
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("history") + ";WRITE_DELAY=0",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        args.addAll(List.of(extra));
        return new TestServer(new SpringApplicationBuilder(ChatServerApplication.class).run(args.toArray(String[]::new)));
    }

    int port() {
        return context.getBean(ChatEndpoint.class).port();
    }

    /** The web client's port (Spring's main HTTP port), for fanout --web. */
    int webPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
