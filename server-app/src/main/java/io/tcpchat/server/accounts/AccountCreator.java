package io.tcpchat.server.accounts;

import io.tcpchat.protocol.RequestException;
import io.tcpchat.protocol.UserNames;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --chat.accounts.create=NAME}: creates an account and exits, for servers in
 * {@code required} mode; {@code --chat.accounts.grant-admin=NAME} and {@code revoke-admin} give and
 * take a registered name's administrator role (rooms), and exit. The password comes from {@code --chat.accounts.password-file=PATH}
 * (its first line) or from standard input (without echo on a terminal); never from the
 * command line, where other users of the machine could read it.
 */
@Component
class AccountCreator implements ApplicationRunner {

    private final AccountService accounts;
    private final Environment env;
    private final ConfigurableApplicationContext context;

    AccountCreator(AccountService accounts, Environment env, ConfigurableApplicationContext context) {
        this.accounts = accounts;
        this.env = env;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        String name = env.getProperty("chat.accounts.create");
        String grant = env.getProperty("chat.accounts.grant-admin");
        String revoke = env.getProperty("chat.accounts.revoke-admin");
        int status;
        if (name != null && !name.isBlank()) {
            status = create(name.strip());
        } else if (grant != null && !grant.isBlank()) {
            status = admin(grant.strip(), true);
        } else if (revoke != null && !revoke.isBlank()) {
            status = admin(revoke.strip(), false);
        } else {
            return;
        }
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** {@code --chat.accounts.grant-admin=NAME} and {@code --chat.accounts.revoke-admin=NAME}. */
    private int admin(String name, boolean granted) {
        try {
            boolean changed = accounts.admin(name, granted);
            System.out.println("'" + name + "' " + (granted ? (changed ? "is now" : "was already")
                    : (changed ? "is no longer" : "was not")) + " an administrator");
            return 0;
        } catch (RequestException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private int create(String name) {
        if (!UserNames.isValid(name)) {
            System.err.println("'" + name + "' is not valid: " + UserNames.RULE);
            return 2;
        }
        try {
            String password = readPassword(name);
            if (!accounts.create(name, password)) {
                System.err.println("'" + name + "' is registered already");
                return 1;
            }
            System.out.println("account '" + name + "' created");
            return 0;
        } catch (RequestException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("could not read the password: " + e.getMessage());
            return 2;
        }
    }

    private String readPassword(String name) throws IOException {
        String file = env.getProperty("chat.accounts.password-file");
        if (file != null && !file.isBlank()) {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream().findFirst().orElse("");
        }
        Console console = System.console();
        if (console != null && console.isTerminal()) {
            char[] pw = console.readPassword("password for %s: ", name);
            return pw == null ? "" : new String(pw);
        }
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
