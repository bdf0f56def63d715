package org.chatvault.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.chatvault.client.ClientException;

/**
 * Which servers' certificates the client trusts: the JDK's certificate authorities, plus a
 * private CA when one is named, for a self-hosted server or a test. The CA is a PEM file named
 * by the system property {@value #PROPERTY} (what {@code --ca-cert} sets) or else the
 * environment variable {@value #ENV}. Host names are checked as always: the private CA only
 * vouches for the names in the certificates it signed.
 */
public final class ServerTrust {
    public static final String ENV = "CHATVAULT_CA_CERT";
    public static final String PROPERTY = "chatvault.ca-cert";

    private record Cached(Path caFile, SSLContext context) {}

    private static volatile Cached cached;

    private ServerTrust() {}

    /** The CA file in effect, if any. */
    public static Path caFile() {
        String v = System.getProperty(PROPERTY);
        if (v == null || v.isBlank()) v = System.getenv(ENV);
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    /**
     * The TLS context for connections to {@code server}: {@link #context()} for https; for plain
     * http, where the HTTP client wants one all the same but never uses it, one that trusts no
     * certificate at all, so a short command does not load the JDK's whole CA store for nothing.
     *
     * @throws ClientException if the named CA file cannot be read or holds no certificate
     */
    public static SSLContext context(URI server) {
        return "http".equalsIgnoreCase(server.getScheme()) ? PlainHttp.CONTEXT : context();
    }

    /**
     * The TLS context for connections to the server: the JDK's default without a private CA.
     *
     * @throws ClientException if the named CA file cannot be read or holds no certificate
     */
    public static SSLContext context() {
        Path ca = caFile();
        Cached c = cached;
        if (c != null && java.util.Objects.equals(c.caFile(), ca)) return c.context();
        SSLContext context = ca == null ? defaultContext() : withPrivateCa(ca);
        cached = new Cached(ca, context);
        return context;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }

    /** Holds the context for plain http, made when first needed. */
    private static final class PlainHttp {
        static final SSLContext CONTEXT = trustingNoOne();

        private static SSLContext trustingNoOne() {
            X509TrustManager none = new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("a plain http connection trusts no certificate");
                }

                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("a plain http connection trusts no certificate");
                }

                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {none}, null);
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK has no TLS", e);
            }
        }
    }

    private static SSLContext withPrivateCa(Path caFile) {
        Collection<? extends Certificate> cas;
        try (InputStream in = Files.newInputStream(caFile)) {
            cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ClientException("cannot read the CA certificate " + caFile + " (--ca-cert or " + ENV + "): "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()), e);
        }
        if (cas.isEmpty()) throw new ClientException("the CA file " + caFile + " (--ca-cert or " + ENV + ") holds no PEM certificate");
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int n = 0;
            for (X509Certificate jdkCa : jdkTrust().getAcceptedIssuers()) trusted.setCertificateEntry("jdk-" + n++, jdkCa);
            for (Certificate ca : cas) trusted.setCertificateEntry("private-" + n++, ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ClientException("cannot trust the CA certificate " + caFile + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jdkTrust() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) if (tm instanceof X509TrustManager x) return x;
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
