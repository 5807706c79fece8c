package io.tcpchat.server.tcp;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.ServerEvent;
import io.tcpchat.server.TestClient;
import io.tcpchat.server.security.TestCertificates;
import io.tcpchat.server.session.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.tcpchat.server.tcp.ProxyProtocolHeaderTests.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PROXY protocol on a TLS port: the header comes first, in the clear, as HAProxy sends it
 * in TCP mode, then the client's own TLS handshake; only 127.0.0.1 is trusted.
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.tls.bundle=chat",
        "chat.proxy-protocol.enabled=true", "chat.limits.hello-timeout=2s"})
class ProxyProtocolTlsTests {

    static Path truststore;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tcp-chat-proxy-tls");
        Path keystore = TestCertificates.keystore(dir, "server", null, 30);
        truststore = TestCertificates.truststore(dir, keystore, "server");
        registry.add("spring.ssl.bundle.jks.chat.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.chat.keystore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.chat.keystore.type", () -> "PKCS12");
    }

    @Autowired
    ChatEndpoint endpoint;
    @Autowired
    SessionRegistry registry;

    /** From {@code source}: {@code header} (if any) in the clear, then TLS over the same socket. */
    SSLSocket connect(String source, byte[] header) throws Exception {
        int port = endpoint.port();
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        plain.connect(new InetSocketAddress("127.0.0.1", port));
        if (header != null) {
            plain.getOutputStream().write(header);
        }
        SSLContext context = TestCertificates.trusting(truststore);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    TestClient login(SSLSocket socket, String user) throws IOException {
        TestClient c = TestClient.over(socket);
        c.send(new ClientEvent.Hello(user));
        c.await(ServerEvent.Welcome.class);
        return c;
    }

    @Test
    void theHeaderComesBeforeTheHandshakeAndNamesTheClient() throws Exception {
        int port = endpoint.port();
        SSLSocket ada = connect("127.0.0.1", ascii("PROXY TCP4 192.0.2.80 127.0.0.1 40000 " + port + "\r\n"));
        SSLSocket bob = connect("127.0.0.1", ProxyProtocolHeaderTests.v2(0x21, 0x11,
                ProxyProtocolHeaderTests.tcp4("192.0.2.81", "127.0.0.1", 40001, port)));
        assertThat(ada.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        try (var a = login(ada, "tlsAda"); var b = login(bob, "tlsBob")) {
            assertThat(registry.online("tlsAda").address()).isEqualTo("192.0.2.80");
            assertThat(registry.online("tlsBob").address()).isEqualTo("192.0.2.81");
            a.send(new ClientEvent.Send("through the proxy, encrypted", "tlsBob", "m"));
            assertThat(b.await(ServerEvent.ChatMessage.class).text()).isEqualTo("through the proxy, encrypted");
            b.send(new ClientEvent.Bye(null));
            b.awaitClosed();
        }
    }

    @Test
    void anUntrustedPeerSpeaksTlsFromItsFirstByte() throws Exception {
        try (var direct = login(connect("127.0.0.2", null), "tlsDirect")) {
            assertThat(registry.online("tlsDirect").address()).isEqualTo("127.0.0.2");
        }
    }

    @Test
    void aTrustedPeerThatStartsWithTheHandshakeIsRefused() {
        // its ClientHello is read as a PROXY header, and is not one
        assertThatThrownBy(() -> connect("127.0.0.1", null)).isInstanceOf(IOException.class);
    }
}
