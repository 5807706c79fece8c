package io.tcpchat.server.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** chat.web.enabled=false: the web port serves no page, no socket and no files. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0", "chat.web.enabled=false"})
class WebDisabledTests {

    @LocalServerPort
    int port;

    @Test
    void nothingIsServed() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/", "/index.html", "/js/app.js", "/ws", "/files/1"}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
        }
    }
}
