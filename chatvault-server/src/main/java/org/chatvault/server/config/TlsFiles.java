package org.chatvault.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The PEM files the server serves HTTPS with ({@code tls.cert} and {@code tls.key}); read when
 * the server starts, so a bad file stops it with one line naming the setting.
 *
 * @param certificateChain the server's certificate first, then any intermediates
 * @param privateKey       the certificate's unencrypted private key (PKCS#8, or PKCS#1 / SEC1 as OpenSSL writes them)
 */
public record TlsFiles(Path certificateChain, Path privateKey) {
    /** The settings, named in messages about the files. */
    public static final String CERT_SETTING = "tls.cert (CHATVAULT_TLS_CERT)";
    public static final String KEY_SETTING = "tls.key (CHATVAULT_TLS_KEY)";

    public TlsFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
