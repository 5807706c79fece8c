package io.tcpchat.client.connection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;

/**
 * TLS for the chat connection (docs/protocol.md: the same bytes inside TLS). The server's
 * certificate is checked against a truststore (the JDK's, or {@code --truststore}: PEM
 * certificates, PKCS12 or JKS) and its host name against the certificate, unless
 * {@code insecure}, which trusts anyone and must be said out loud by the caller.
 *
 * @param truststore {@code null}: the JDK's trusted certificate authorities
 * @param password   the truststore's password, or {@code null} (PEM needs none)
 */
public record Tls(boolean enabled, Path truststore, String password, boolean insecure) {

    public static final Tls OFF = new Tls(false, null, null, false);

    /** The socket, wrapped in TLS 1.2 or 1.3 and with the handshake done. */
    Socket wrap(Socket plain, String host, int port, int timeoutMillis) throws IOException, ChatException {
        SSLSocket socket = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (!insecure) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name this host
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis);
        try {
            socket.startHandshake();
        } catch (SSLHandshakeException e) {
            throw new ChatException(ChatException.Kind.CONNECTION, explain(e, host, port), e);
        } catch (SSLException e) {
            throw new ChatException(ChatException.Kind.CONNECTION, "TLS with " + host + ":" + port + " failed ("
                    + e.getMessage() + "): is TLS on at this port?", e);
        }
        return socket;
    }

    static String explain(SSLHandshakeException e, String host, int port) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append(' ').append(t.getMessage());
        }
        String all = chain.toString().toLowerCase(Locale.ROOT);
        if (all.contains("no subject alternative") || all.contains("no name matching")) {
            return "The server's certificate is not made out to '" + host + "'; connect with the name it was made"
                    + " for.";
        }
        if (all.contains("pkix") || all.contains("certificate") && all.contains("trust")) {
            return "The server's certificate is not trusted: give its certificate or authority with --truststore"
                    + " FILE (--insecure skips the check, and any impostor would be believed).";
        }
        if (all.contains("expired") || all.contains("not yet valid")) {
            return "The server's certificate is out of date (" + e.getMessage() + ").";
        }
        return "TLS with " + host + ":" + port + " failed (" + e.getMessage() + "): is TLS on at this port?";
    }

    private SSLContext context() throws ChatException {
        try {
            TrustManager[] trust;
            if (insecure) {
                trust = new TrustManager[] {new TrustingEveryone()};
            } else {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(truststore == null ? null : load(truststore, password));
                trust = new TrustManager[] {new InDateOnly(firstX509(factory.getTrustManagers()))};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ChatException(ChatException.Kind.LOCAL, "Cannot set up TLS (" + e.getMessage() + ").", e);
        }
    }

    /** PEM certificates, or a PKCS12 / JKS store (with the password, or none, or "changeit"). */
    static KeyStore load(Path file, String password) throws ChatException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ChatException(ChatException.Kind.LOCAL, "Cannot read the truststore " + file + " ("
                    + e.getMessage() + ").", e);
        }
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
            try {
                Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                        .generateCertificates(new ByteArrayInputStream(bytes));
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("cert-" + i++, certificate);
                }
                return store;
            } catch (GeneralSecurityException | IOException e) {
                throw new ChatException(ChatException.Kind.LOCAL, "The truststore " + file
                        + " holds no readable certificate (" + e.getMessage() + ").", e);
            }
        }
        for (String type : new String[] {"PKCS12", "JKS"}) {
            for (String attempt : password != null ? new String[] {password} : new String[] {null, "changeit"}) {
                try {
                    KeyStore store = KeyStore.getInstance(type);
                    store.load(new ByteArrayInputStream(bytes), attempt == null ? null : attempt.toCharArray());
                    if (store.size() > 0) {
                        return store;
                    }
                } catch (GeneralSecurityException | IOException wrongTypeOrPassword) {
                    // try the next
                }
            }
        }
        throw new ChatException(ChatException.Kind.LOCAL, "Cannot read the truststore " + file
                + ": not PEM, PKCS12 or JKS, or the password is wrong (--truststore-password).");
    }

    @Override
    public String toString() {
        return "Tls[enabled=" + enabled + ", truststore=" + truststore + ", insecure=" + insecure + "]";
    }

    private static X509ExtendedTrustManager firstX509(TrustManager[] managers) throws GeneralSecurityException {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /**
     * The JDK's checks, plus the dates of every certificate the server shows. PKIX does not
     * check the dates of a trust anchor, so a self-signed server certificate given with
     * {@code --truststore} would be believed long after it expired.
     */
    private static final class InDateOnly extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager jdk;

        InDateOnly(X509ExtendedTrustManager jdk) {
            this.jdk = jdk;
        }

        private static void inDate(X509Certificate[] chain) throws CertificateException {
            for (X509Certificate c : chain) {
                try {
                    c.checkValidity();
                } catch (CertificateExpiredException e) {
                    throw new CertificateException("the server's certificate expired on " + c.getNotAfter(), e);
                } catch (CertificateNotYetValidException e) {
                    throw new CertificateException("the server's certificate is not yet valid: from "
                            + c.getNotBefore(), e);
                }
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            jdk.checkServerTrusted(chain, authType, socket);
            inDate(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws CertificateException {
            jdk.checkServerTrusted(chain, authType, engine);
            inDate(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkServerTrusted(chain, authType);
            inDate(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, javax.net.ssl.SSLEngine engine)
                throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }

    /** {@code --insecure}: every certificate is believed. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
