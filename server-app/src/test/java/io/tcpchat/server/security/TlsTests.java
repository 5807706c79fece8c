package io.tcpchat.server.security;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.FilesAccess;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.tcp.ChatEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat port over TLS with certificates made at test time, and a plain port beside it. */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.tls.bundle=chat",
        "chat.limits.hello-timeout=1s"})
class TlsTests {

    static Path dir;
    static Path keystore;
    static Path truststore;
    static int plainPort;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("tcp-chat-tls");
        keystore = TestCertificates.keystore(dir, "server", null, 30);
        truststore = TestCertificates.truststore(dir, keystore, "server");
        try (ServerSocket s = new ServerSocket(0)) {
            plainPort = s.getLocalPort();
        }
        registry.add("spring.ssl.bundle.jks.chat.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.chat.keystore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.chat.keystore.type", () -> "PKCS12");
        registry.add("chat.tls.plain-port", () -> plainPort);
    }

    @Autowired
    ChatEndpoint endpoint;

    SSLContext trusted() throws Exception {
        return TestCertificates.trusting(truststore);
    }

    @Test
    void chatAndFilesWorkOverTls() throws Exception {
        SSLContext tls = trusted();
        int port = endpoint.port();
        try (var ada = TestClient.connectTls(port, tls); var bob = TestClient.connectTls(port, tls)) {
            ada.send(new ClientEvent.Hello("ada"));
            ada.await(ServerEvent.Welcome.class);
            bob.send(new ClientEvent.Hello("bob"));
            bob.await(ServerEvent.Welcome.class);
            ada.await(ServerEvent.Joined.class, j -> j.user().equals("bob"));
            ada.send(new ClientEvent.Send("secret over tls", "bob", "t"));
            assertThat(ada.await(ServerEvent.Ack.class).ref()).isEqualTo("t");
            assertThat(bob.await(ServerEvent.ChatMessage.class).text()).isEqualTo("secret over tls");
            long file = FilesAccess.upload(ada, "t.bin", 600_000);
            bob.await(ServerEvent.FileAvailable.class);
            FilesAccess.download(bob, file, 600_000);
        }
    }

    @Test
    void aPlainClientIsRefusedByTheTlsPortWithinTheHelloTimeout() throws Exception {
        long start = System.nanoTime();
        try (var plain = TestClient.connect(endpoint.port())) {
            plain.send(new ClientEvent.Hello("sneaky"));
            List<ServerEvent> got = plain.awaitClosed();
            assertThat(got).noneMatch(e -> e instanceof ServerEvent.Welcome);
        }
        try (var silent = TestClient.connect(endpoint.port())) {
            assertThat(silent.awaitClosed()).isEmpty();
        }
        // hello-timeout is 1 s; both refusals together stay well inside a few seconds
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        Path other = TestCertificates.keystore(dir, "stranger", null, 30);
        SSLContext wrong = TestCertificates.trusting(TestCertificates.truststore(dir, other, "stranger"));
        assertThatThrownBy(() -> TestClient.connectTls(endpoint.port(), wrong)).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void thePlainPortBesideServesLocalClients() throws Exception {
        assertThat(endpoint.plainPort()).isEqualTo(plainPort);
        SSLContext tls = trusted();
        try (var local = TestClient.login(plainPort, "local"); var remote = TestClient.connectTls(endpoint.port(), tls)) {
            remote.send(new ClientEvent.Hello("remote"));
            remote.await(ServerEvent.Welcome.class);
            local.await(ServerEvent.Joined.class, j -> j.user().equals("remote"));
            local.send(new ClientEvent.Send("from the plain side", null, null));
            assertThat(remote.await(ServerEvent.ChatMessage.class).text()).isEqualTo("from the plain side");
        }
    }

    @Test
    void onlyTls12AndUpAreSpoken() throws Exception {
        SSLContext tls = trusted();
        var socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", endpoint.port());
        try (socket) {
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
    }
}
