package io.tcpchat.server.irc;

import io.tcpchat.server.security.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IRC port on the chat port's SSL bundle, and the server's limits told the IRC way:
 * connections per address (ERROR, closed) and the request rate as fakelag (slowed, never
 * refused).
 */
@SpringBootTest(properties = {"chat.port=0", "management.server.port=0", "chat.tls.bundle=irctls",
        "chat.irc.enabled=true", "chat.irc.port=0", "chat.limits.connections-per-address=3",
        "chat.limits.rate=5", "chat.limits.burst=5", "chat.irc.server-name=irc.tls.test"})
class IrcTlsAndLimitsTests {

    static Path truststore;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tcp-chat-irc-tls");
        Path keystore = TestCertificates.keystore(dir, "server", null, 30);
        truststore = TestCertificates.truststore(dir, keystore, "server");
        registry.add("spring.ssl.bundle.jks.irctls.keystore.location", () -> "file:" + keystore);
        registry.add("spring.ssl.bundle.jks.irctls.keystore.password", () -> TestCertificates.PASSWORD);
        registry.add("spring.ssl.bundle.jks.irctls.keystore.type", () -> "PKCS12");
    }

    @Autowired
    IrcEndpoint irc;

    private IrcTestClient tls(String source) throws Exception {
        SSLContext context = TestCertificates.trusting(truststore);
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        plain.connect(new InetSocketAddress("127.0.0.1", irc.port()));
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", irc.port(), true);
        SSLParameters params = s.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(params);
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        return IrcTestClient.over(s);
    }

    @Test
    void theIrcPortSpeaksTlsOnTheChatPortsBundleAndCapsConnectionsPerAddress() throws Exception {
        List<IrcTestClient> clients = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                IrcTestClient c = tls("127.0.0.2");
                clients.add(c);
                c.send("NICK tls" + i);
                c.send("USER tls 0 * :TLS");
                c.await(" 001 tls" + i + " ");
            }
            IrcTestClient fourth = tls("127.0.0.2");
            clients.add(fourth);
            assertThat(fourth.await("ERROR ")).contains("more than 3 connections from 127.0.0.2");
            fourth.awaitClosed();
        } finally {
            for (IrcTestClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void floodingIsSlowedDownNotRefused_fakelag() throws Exception {
        try (IrcTestClient c = tls("127.0.0.3")) {
            c.send("CAP REQ :echo-message");
            c.send("NICK flood1");
            c.send("USER flood1 0 * :F");
            c.send("CAP END");
            c.await(" 366 flood1 #lobby ");
            long start = System.nanoTime();
            for (int i = 1; i <= 20; i++) {
                c.send("PRIVMSG #lobby :flood " + i);
            }
            List<String> got = c.collect(":flood 20");
            double seconds = (System.nanoTime() - start) / 1e9;
            // 20 messages at 5/s after the burst spent by registration: about 3 s, none refused
            assertThat(got.stream().filter(l -> l.contains(" PRIVMSG #lobby :flood ")).count()).isEqualTo(20);
            assertThat(got).noneMatch(l -> l.contains("rate_limited") || l.contains("slow down"));
            assertThat(seconds).isGreaterThan(2.0);
        }
    }
}
