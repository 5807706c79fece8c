package io.tcpchat.server.files;

import io.tcpchat.server.ChatProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    @Bean
    @ConditionalOnMissingBean
    FileStore localFileStore(ChatProperties properties) {
        return new LocalFileStore(properties.files().dir());
    }
}
