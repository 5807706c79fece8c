package io.tcpchat.server.web;

import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.security.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With chat.tls.bundle the web port speaks HTTPS and wss with that bundle, and only that; management stays plain. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0", "chat.tls.bundle=chat", "chat.limits.rate=5"})
class WebTlsTests {

    static Path truststore;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tcp-chat-web-tls");
        Path keystore = TestCertificates.keystore(dir, "server", null, 30);
        truststore = TestCertificates.truststore(dir, keystore, "server");
        registry.add("spring.ssl.bundle.jks.chat.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.chat.keystore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.chat.keystore.type", () -> "PKCS12");
    }

    @LocalServerPort
    int port;
    @Autowired
    Environment env;

    @Test
    void thePageAndTheSocketGoOverTlsWithTheChatBundle() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(TestCertificates.trusting(truststore)).build();
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("tcp-chat");

        WebEndpointsTests.Inbox inbox = new WebEndpointsTests.Inbox();
        var ws = https.newWebSocketBuilder().buildAsync(URI.create("wss://localhost:" + port + "/ws"), inbox).join();
        ws.sendText("{\"type\":\"hello\",\"v\":1,\"user\":\"tess\"}", true).join();
        assertThat(inbox.await(ServerEvent.Welcome.class).user()).isEqualTo("tess");
        ws.sendClose(1000, "").join();

        HttpClient plain = HttpClient.newHttpClient();
        try {
            // Tomcat answers plain HTTP on a TLS port with a 400 that says so, never with the page
            HttpResponse<String> refused = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).doesNotContain("<script");
        } catch (java.io.IOException closed) {
            // or closes the connection: refused either way
        }
        String management = env.getProperty("local.management.port");
        HttpResponse<String> health = plain.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + management + "/actuator/health/liveness")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
