package io.tcpchat.server.security;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/** Certificates made at test time with the JDK's keytool: nothing secret is checked in. */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    private static Path keytool() {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        return java.resolveSibling("keytool");
    }

    /**
     * A PKCS12 keystore with a self-signed certificate for 127.0.0.1 and localhost, valid from
     * {@code startDate} (keytool syntax, e.g. "-1d", or null for now) for {@code days}.
     */
    public static Path keystore(Path dir, String alias, String startDate, int days) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(keytool().toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", String.valueOf(days),
                "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (startDate != null) {
            cmd.addAll(List.of("-startdate", startDate));
        }
        run(cmd);
        return ks;
    }

    /** A PKCS12 truststore holding the certificate of {@code alias} from {@code keystore}. */
    public static Path truststore(Path dir, Path keystore, String alias) throws Exception {
        Path cert = dir.resolve(alias + ".crt");
        run(List.of(keytool().toString(), "-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-file", cert.toString()));
        Path ts = dir.resolve(alias + "-trust.p12");
        run(List.of(keytool().toString(), "-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(),
                "-storetype", "PKCS12", "-keystore", ts.toString(), "-storepass", PASSWORD));
        return ts;
    }

    /** A client context trusting only what the truststore holds. */
    public static SSLContext trusting(Path truststore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(truststore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }
}
