package io.tcpchat.server.security;

import io.tcpchat.protocol.ClientEvent;
import io.tcpchat.protocol.EventCodec;
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
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /**
     * A plain client on the TLS port: its hello is no ClientHello, so the handshake fails and
     * the connection closes at once; a silent one is closed by the hello timeout (1 s here),
     * the handshake counting against it. Either way not one CHAT/1 byte comes back: what
     * arrives before the close is TLS records (alerts), never a frame, so no welcome.
     */
    @Test
    void aPlainClientIsRefusedByTheTlsPortWithinTheHelloTimeout() throws Exception {
        Refusal plain = refusal(new EventCodec().frame(new ClientEvent.Hello("sneaky")));
        assertThat(plain.millis()).as("closed at once: %s", plain).isLessThan(HELLO_TIMEOUT_MILLIS);
        assertOnlyTlsRecords(plain);

        Refusal silent = refusal(new byte[0]);
        assertThat(silent.millis()).as("closed by the hello timeout: %s", silent)
                .isBetween(HELLO_TIMEOUT_MILLIS - 100, HELLO_TIMEOUT_MILLIS + 2_000);
        assertOnlyTlsRecords(silent);
    }

    private static final long HELLO_TIMEOUT_MILLIS = 1_000;

    /** What a raw socket read until the server closed it, and how long after connecting that was. */
    record Refusal(byte[] received, long millis, boolean reset) {
        @Override
        public String toString() {
            return "Refusal[" + java.util.HexFormat.of().formatHex(received) + " after " + millis + " ms"
                    + (reset ? ", reset" : "") + "]";
        }
    }

    /** Connects, sends {@code bytes}, reads until the server closes (or resets); fails if it never does. */
    private Refusal refusal(byte[] bytes) throws Exception {
        try (Socket s = new Socket("127.0.0.1", endpoint.port())) {
            long start = System.nanoTime();
            s.setSoTimeout((int) TestClient.TIMEOUT.toMillis()); // a SocketTimeoutException fails the test
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            boolean reset = false;
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server did not close within " + TestClient.TIMEOUT, e);
            } catch (SocketException e) {
                reset = true; // closed with our bytes unread: a reset, still a close
            }
            return new Refusal(received.toByteArray(), (System.nanoTime() - start) / 1_000_000, reset);
        }
    }

    /** Every byte belongs to a TLS record (type 20-23, version 3.x, length): no CHAT/1 frame hides among them. */
    private static void assertOnlyTlsRecords(Refusal r) {
        byte[] b = r.received();
        int i = 0;
        while (i < b.length) {
            assertThat(b.length - i).as("a whole TLS record header in %s", r).isGreaterThanOrEqualTo(5);
            assertThat(b[i] & 0xFF).as("TLS content type in %s", r).isBetween(20, 23);
            assertThat(b[i + 1]).as("TLS major version in %s", r).isEqualTo((byte) 3);
            int length = ((b[i + 3] & 0xFF) << 8) | (b[i + 4] & 0xFF);
            i += 5 + length;
        }
        assertThat(i).as("records end where the bytes end in %s", r).isEqualTo(b.length);
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
