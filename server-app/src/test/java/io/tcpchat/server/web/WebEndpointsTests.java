package io.tcpchat.server.web;

import io.tcpchat.protocol.EventCodec;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The web listener without a browser: the JDK's HTTP and WebSocket clients check the
 * headers, the origin check, the file endpoints (auth, streamed upload, Range, names) and what
 * the socket refuses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"chat.port=0", "management.server.port=0", "chat.limits.rate=0",
                "chat.web.allowed-origins=https://chat.example.org", "chat.files.dir=target/web-endpoint-files"})
class WebEndpointsTests {

    static final EventCodec CODEC = new EventCodec();

    @LocalServerPort
    int port;
    @Autowired
    ChatEndpoint chat;
    @Autowired
    org.springframework.core.env.Environment env;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = http.send(get("/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("default-src 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> script = http.send(get("/js/app.js").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
        assertThat(script.body()).doesNotContain("innerHTML").doesNotContain("eval(");
    }

    @Test
    void theSocketChecksTheOrigin() {
        for (String origin : new String[] {"http://evil.example", "http://localhost:1"}) {
            assertThatThrownBy(() -> socket(origin, new Inbox()))
                    .as(origin).isInstanceOf(CompletionException.class);
        }
        Inbox listed = new Inbox();
        socket("https://chat.example.org", listed).sendClose(1000, "bye").join();
        Inbox same = new Inbox();
        socket("http://localhost:" + port, same).sendClose(1000, "bye").join();
    }

    @Test
    void filesGoOverHttpWithTheSessionAsBearerToken() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = socket(null, inbox);
        ws.sendText("{\"type\":\"hello\",\"v\":1,\"user\":\"wendy\"}", true).join();
        ServerEvent.Welcome welcome = inbox.await(ServerEvent.Welcome.class);
        try (TestClient tom = TestClient.login(chat.port(), "tom")) {
            byte[] content = WebClientTests.random(600_000, 7);
            String sha = WebClientTests.sha256(content);
            String query = "/files?name=..%2F..%2Fetc%2Fr%C3%A9sum%C3%A9.txt&size=" + content.length + "&sha256=" + sha + "&ref=up1";

            HttpResponse<String> anonymous = http.send(post(query, content).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            HttpResponse<String> badHash = http.send(post(query.replace(sha, "0".repeat(64)), content)
                    .header("Authorization", "Bearer " + welcome.session()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(badHash.statusCode()).isEqualTo(422);
            assertThat(badHash.body()).contains("\"code\":\"checksum_mismatch\"");

            HttpResponse<String> ok = http.send(post(query, content)
                    .header("Authorization", "Bearer " + welcome.session()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
            ServerEvent.Ack ack = inbox.await(ServerEvent.Ack.class);
            assertThat(ack.ref()).isEqualTo("up1");
            ServerEvent.FileAvailable offered = tom.await(ServerEvent.FileAvailable.class);
            assertThat(offered.name()).isEqualTo("résumé.txt");
            assertThat(offered.file()).isEqualTo(ack.file());
            assertThat(WebClientTests.downloadOverChat1(tom, offered)).isEqualTo(content);

            String url = "/files/" + ack.file();
            assertThat(http.send(get(url).build(), HttpResponse.BodyHandlers.ofByteArray()).statusCode()).isEqualTo(401);
            HttpResponse<byte[]> whole = http.send(get(url).header("Authorization", "Bearer " + welcome.session()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(content);
            assertThat(whole.headers().firstValue("Content-Disposition").orElseThrow())
                    .startsWith("attachment").contains("filename*=UTF-8''r%C3%A9sum%C3%A9.txt").doesNotContain("/");
            HttpResponse<byte[]> resumed = http.send(get(url).header("Authorization", "Bearer " + welcome.session())
                    .header("Range", "bytes=500000-").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(resumed.statusCode()).isEqualTo(206);
            assertThat(resumed.headers().firstValue("Content-Range")).hasValue("bytes 500000-599999/600000");
            assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(content, 500_000, 600_000));
            HttpResponse<byte[]> past = http.send(get(url).header("Authorization", "Bearer " + welcome.session())
                    .header("Range", "bytes=600000-").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(past.statusCode()).isEqualTo(416);

            // the session cookie, for links the browser follows by itself
            HttpResponse<Void> cookie = http.send(HttpRequest.newBuilder(uri("/session")).POST(HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", "Bearer " + welcome.session()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(cookie.headers().firstValue("Set-Cookie").orElseThrow())
                    .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/files");
            HttpResponse<byte[]> withCookie = http.send(get(url).header("Cookie", HttpSessions.COOKIE + "=" + welcome.session())
                    .header("Range", "bytes=-10").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(withCookie.body()).isEqualTo(Arrays.copyOfRange(content, 599_990, 600_000));
        }
        ws.sendClose(1000, "bye").join();
    }

    @Test
    void webConnectionsAreCountedByProtocol() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = socket(null, inbox);
        ws.sendText("{\"type\":\"hello\",\"v\":1,\"user\":\"metra\"}", true).join();
        inbox.await(ServerEvent.Welcome.class);
        String scrape = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + env.getProperty("local.management.port") + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher web = java.util.regex.Pattern
                .compile("(?m)^chat_connections_protocol\\{[^}]*protocol=\"web\"[^}]*} ([0-9.]+)$").matcher(scrape);
        assertThat(web.find()).as(scrape).isTrue();
        assertThat(Double.parseDouble(web.group(1))).isGreaterThanOrEqualTo(1);
        ws.sendClose(1000, "bye").join();
    }

    @Test
    void theSocketRefusesFileBytesAndBinaryMessages() throws Exception {
        Inbox inbox = new Inbox();
        WebSocket ws = socket(null, inbox);
        ws.sendText("{\"type\":\"hello\",\"v\":1,\"user\":\"xena\"}", true).join();
        inbox.await(ServerEvent.Welcome.class);
        ws.sendText("{\"type\":\"download\",\"file\":12,\"ref\":\"d\"}", true).join();
        ServerEvent.ErrorEvent refused = inbox.await(ServerEvent.ErrorEvent.class);
        assertThat(refused.code()).isEqualTo("bad_request");
        assertThat(refused.message()).contains("GET /files/12");
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(inbox.await(ServerEvent.ErrorEvent.class).code()).isEqualTo("bad_frame");
        assertThat(inbox.closed).succeedsWithin(Duration.ofSeconds(10));
    }

    private WebSocket socket(String origin, Inbox inbox) {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        return builder.buildAsync(URI.create("ws://localhost:" + port + "/ws"), inbox).join();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** Collects the server's events, one per text message. */
    static final class Inbox implements WebSocket.Listener {

        final LinkedBlockingQueue<ServerEvent> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    events.add(CODEC.decodeServer(partial.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status);
            return null;
        }

        <T extends ServerEvent> T await(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                ServerEvent e = events.poll(100, TimeUnit.MILLISECONDS);
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
            }
            throw new AssertionError("no " + type.getSimpleName());
        }
    }
}
