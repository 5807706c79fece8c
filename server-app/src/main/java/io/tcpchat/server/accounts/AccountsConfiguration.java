package io.tcpchat.server.accounts;

import io.tcpchat.server.ChatProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    AccountStore accountStore(DataSource dataSource, Clock clock) {
        return new AccountStore(JdbcClient.create(dataSource), clock);
    }

    /** Argon2id with Spring Security's current defaults (16 MiB, 2 iterations): what stored hashes use. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** Closed with the context: its threads stop. */
    @Bean
    PasswordHasher passwordHasher(PasswordEncoder encoder, ChatProperties properties) {
        return new PasswordHasher(encoder, properties.auth().maxConcurrentHashes());
    }

    /** With a cluster's shared throttle when there is one, else failures counted in memory. */
    @Bean
    AccountService accountService(AccountStore store, PasswordHasher hasher, ChatProperties properties,
                                  AuthCounter counter, ObjectProvider<Throttle> shared) {
        ChatProperties.Auth auth = properties.auth();
        return new AccountService(store, hasher,
                shared.getIfAvailable(() -> new LoginThrottle(auth.lockout(), System::nanoTime)), auth, counter);
    }
}
