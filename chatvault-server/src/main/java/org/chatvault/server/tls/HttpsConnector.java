package org.chatvault.server.tls;

import java.security.cert.X509Certificate;
import java.time.Clock;
import org.chatvault.server.config.TlsFiles;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one listening connector when it has a certificate: HTTPS only (a plain HTTP
 * request on that port fails its handshake), HTTP/1.1 as the clients speak it, and
 * {@code Strict-Transport-Security} on every answer so a browser that once reached the server
 * never falls back to plain HTTP for it.
 */
public final class HttpsConnector {
    private static final Logger log = LoggerFactory.getLogger(HttpsConnector.class);
    /** One year, what HSTS preload lists ask for; without includeSubDomains, other hosts of the domain are not ours to decide. */
    static final long HSTS_MAX_AGE_SECONDS = 365L * 24 * 60 * 60;

    private final SslContextFactory.Server ssl;

    private HttpsConnector(SslContextFactory.Server ssl) {
        this.ssl = ssl;
    }

    /**
     * Reads the certificate chain and key now, so a bad file stops the start before anything opens.
     *
     * @throws org.chatvault.server.config.ConfigException naming the file and the setting
     */
    public static HttpsConnector load(TlsFiles files, Clock clock) {
        PemKeyStore.Loaded loaded = PemKeyStore.load(files);
        X509Certificate leaf = loaded.leaf();
        if (leaf.getNotAfter().toInstant().isBefore(clock.instant()))
            log.warn("the TLS certificate in {} expired on {}; clients will refuse it", files.certificateChain(), leaf.getNotAfter().toInstant());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(loaded.keyStore());
        ssl.setKeyStorePassword(new String(loaded.password()));
        ssl.setCertAlias(PemKeyStore.ALIAS);
        return new HttpsConnector(ssl);
    }

    /** The connector on {@code host}:{@code port}, with Javalin's HTTP settings plus the secure-request ones. */
    public ServerConnector connector(Server server, HttpConfiguration javalinHttp, String host, int port) {
        HttpConfiguration https = new HttpConfiguration(javalinHttp);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setStsMaxAge(HSTS_MAX_AGE_SECONDS);
        secure.setStsIncludeSubDomains(false);
        // Clients reach a self-hosted server by IP address, where no SNI is sent to check against.
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
