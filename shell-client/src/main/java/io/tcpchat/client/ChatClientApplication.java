package io.tcpchat.client;

import io.tcpchat.client.connection.ConnectionSettings;
import io.tcpchat.client.connection.Tls;
import io.tcpchat.client.session.ChatSession;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The terminal client: {@code java -jar shell-client.jar [options] [command]}. Program
 * arguments are read by {@link ClientOptionsParser}, never by Spring Shell; the shell loop
 * is {@code io.tcpchat.client.shell.ChatShellRunner}.
 */
@SpringBootApplication
public class ChatClientApplication {

    public static void main(String[] args) {
        int status;
        try {
            ConfigurableApplicationContext context = application().run(args);
            status = SpringApplication.exit(context);
        } catch (RuntimeException | Error e) {
            System.err.println("chat: " + rootMessage(e));
            status = 70; // EX_SOFTWARE: a bug, not a user's mistake
        }
        System.exit(status);
    }

    /**
     * The application, reading only its own {@code chat-client.properties}: an
     * {@code application.yml} in the working folder (the server's, say) must not configure the
     * client. Users configure it with options, {@code CHAT_*} variables or its config file.
     */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ChatClientApplication.class);
        application.setDefaultProperties(Map.of("spring.config.location", "classpath:/chat-client.properties"));
        return application;
    }

    @Bean
    ClientOptions clientOptions(ApplicationArguments arguments) {
        return ClientOptionsParser.forThisProcess().parse(List.of(arguments.getSourceArgs()));
    }

    @Bean
    ChatSession chatSession(ClientOptions options) {
        boolean session = options.mode() == ClientOptions.Mode.SESSION;
        ConnectionSettings connection = ConnectionSettings.of(options.host(), options.port(),
                options.user() == null ? "" : options.user(), options.password(), session && options.reconnect())
                .withTls(new Tls(options.tls(), options.truststore() == null ? null : Path.of(options.truststore()),
                        options.truststorePassword(), options.insecure()));
        // one-shot use and scripts connect on the first command that needs the server, and
        // fetch no files on their own: they leave right after
        return new ChatSession(new ChatSession.Config(connection, options.downloads().toAbsolutePath(),
                session ? options.autoDownloadLimit() : 0, !session));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
