package io.tcpchat.server.web;

import io.tcpchat.server.ChatProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The web listener: {@code /ws} with its origin check, the security headers on every answer,
 * and TLS from the chat port's SSL bundle. Off with {@code chat.web.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@ConditionalOnBooleanProperty(name = "chat.web.enabled", matchIfMissing = true)
class WebConfiguration implements WebSocketConfigurer, WebMvcConfigurer {

    private final ChatSocketHandler handler;
    private final ChatProperties properties;

    WebConfiguration(ChatSocketHandler handler, ChatProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        // No origins listed: the handshake's Origin must be the page's own (Spring's same-origin
        // check); a client that sends no Origin (not a browser) is not a cross-site page.
        registry.addHandler(handler, "/ws")
                .setAllowedOrigins(properties.web().allowedOrigins().toArray(String[]::new));
    }

    /**
     * The page: static files under classpath:/web/ (not Boot's /static, which would be served
     * whether or not the web client is on), with index.html at {@code /}.
     */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/**").addResourceLocations("classpath:/web/");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/index.html");
    }

    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> bean = new FilterRegistrationBean<>(new SecurityHeaders());
        bean.addUrlPatterns("/*");
        return bean;
    }

    /** The page is served over TLS exactly when the chat port is: one certificate, one bundle. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableWebServerFactory> webTls(SslBundles bundles) {
        return factory -> {
            if (properties.tls().enabled()) {
                Ssl ssl = new Ssl();
                ssl.setBundle(properties.tls().bundle());
                ssl.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                factory.setSsl(ssl);
                factory.setSslBundles(bundles);
            }
        };
    }
}
