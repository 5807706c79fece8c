package io.tcpchat.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client against a server that speaks only TLS, with a certificate made here by keytool:
 * trusted through {@code --truststore}, refused without it, believed with {@code --insecure}
 * (which says so), and a plain client told that TLS is wanted.
 */
class TlsEndToEndTests {

    static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static TestServer server;
    static Path certificate;

    @BeforeAll
    static void tlsServer() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "chat", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=DNS:localhost,IP:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        certificate = dir.resolve("server.pem");
        keytool("-exportcert", "-rfc", "-alias", "chat", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        server = TestServer.start(dir.resolve("server"), 0,
                "--chat.tls.bundle=chat",
                "--spring.ssl.bundle.jks.chat.keystore.location=file:" + keystore,
                "--spring.ssl.bundle.jks.chat.keystore.password=" + PASSWORD,
                "--spring.ssl.bundle.jks.chat.keystore.type=PKCS12");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aTrustedServerIsTalkedToOverTls() throws Exception {
        try (ClientProcess una = ClientProcess.start(dir.resolve("una"), "--port=" + server.port(), "--user=una",
                "--truststore=" + certificate, "--downloads=" + dir.resolve("una/downloads"))) {
            una.awaitOut("Connected to localhost:" + server.port() + " as una.");
            ClientProcess.Result sent = ClientProcess.run(dir.resolve("vic"), "--port=" + server.port(),
                    "--user=vic", "--tls", "--truststore", certificate.toString(), "send", "over tls");
            assertThat(sent.status()).as(sent.err()).isZero();
            una.awaitOut("<vic> over tls");
        }
    }

    @Test
    void anUnknownCertificateIsRefusedUnlessInsecure() throws Exception {
        ClientProcess.Result refused = ClientProcess.run(dir.resolve("wes"), "--port=" + server.port(), "--user=wes",
                "--tls", "send", "hi");
        assertThat(refused.status()).isEqualTo(3);
        assertThat(refused.err()).contains("The server's certificate is not trusted").doesNotContain("Exception");

        ClientProcess.Result insecure = ClientProcess.run(dir.resolve("wes"), "--port=" + server.port(),
                "--user=wes", "--insecure", "send", "hi");
        assertThat(insecure.status()).as(insecure.err()).isZero();
        assertThat(insecure.err()).contains("WARNING: --insecure");
    }

    @Test
    void anExpiredCertificateIsRefusedEvenWhenTrustedUnlessInsecure() throws Exception {
        Path keystore = dir.resolve("expired.p12");
        keytool("-genkeypair", "-alias", "old", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=DNS:localhost,IP:127.0.0.1", "-startdate", "-10d", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Path expired = dir.resolve("expired.pem");
        keytool("-exportcert", "-rfc", "-alias", "old", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", expired.toString());
        try (TestServer old = TestServer.start(dir.resolve("old-server"), 0,
                "--chat.tls.bundle=old",
                "--spring.ssl.bundle.jks.old.keystore.location=file:" + keystore,
                "--spring.ssl.bundle.jks.old.keystore.password=" + PASSWORD,
                "--spring.ssl.bundle.jks.old.keystore.type=PKCS12")) {
            ClientProcess.Result refused = ClientProcess.run(dir.resolve("yan"), "--port=" + old.port(),
                    "--user=yan", "--truststore=" + expired, "send", "hi");
            assertThat(refused.status()).isEqualTo(3);
            assertThat(refused.err()).contains("out of date").contains("expired").doesNotContain("Exception");

            ClientProcess.Result insecure = ClientProcess.run(dir.resolve("yan"), "--port=" + old.port(),
                    "--user=yan", "--insecure", "send", "hi");
            assertThat(insecure.status()).as(insecure.err()).isZero();
            assertThat(insecure.err()).contains("WARNING: --insecure");
        }
    }

    @Test
    void aPlainClientIsToldToUseTls() throws Exception {
        ClientProcess.Result plain = ClientProcess.run(dir.resolve("xia"), "--port=" + server.port(), "--user=xia",
                "send", "hi");
        assertThat(plain.status()).isEqualTo(3);
        assertThat(plain.err()).contains("try --tls");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
