package io.tcpchat.server.accounts;

import io.tcpchat.server.ChatProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    AccountStore accountStore(DataSource dataSource, Clock clock) {
        return new AccountStore(JdbcClient.create(dataSource), clock);
    }

    @Bean
    AccountService accountService(AccountStore store, ChatProperties properties, AuthCounter counter) {
        ChatProperties.Auth auth = properties.auth();
        return new AccountService(store, new PasswordHasher(auth.maxConcurrentHashes()),
                new LoginThrottle(auth.lockout(), System::nanoTime), auth, counter);
    }
}
