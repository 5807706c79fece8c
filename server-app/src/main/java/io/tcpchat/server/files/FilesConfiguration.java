package io.tcpchat.server.files;

import io.tcpchat.server.ChatProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    /**
     * The store {@code chat.files.store} names. The postgres one needs the migrated
     * {@code chat_file} table, hence the dependency on database initialization (harmless
     * for the local one).
     */
    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    FileStore fileStore(ChatProperties properties, ObjectProvider<DataSource> dataSource) {
        ChatProperties.Files files = properties.files();
        return switch (files.store()) {
            case LOCAL -> new LocalFileStore(files.dir());
            case POSTGRES -> {
                DataSource ds = dataSource.getIfAvailable();
                if (ds == null) {
                    throw new IllegalStateException("chat.files.store=postgres needs a PostgreSQL spring.datasource");
                }
                // an upload no replica has written to for this long has no live uploader: its own
                // replica would have failed it after upload-timeout
                Duration staleAfter = properties.limits().uploadTimeout().multipliedBy(2).plusMinutes(1);
                yield PostgresFileStore.open(ds, staleAfter);
            }
        };
    }
}
