package org.chatvault.server.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.chatvault.server.config.ConfigException;
import org.chatvault.server.config.TlsFiles;

/**
 * Turns the operator's PEM files into the in-memory key store Jetty serves TLS from: the
 * certificate chain as OpenSSL, Let's Encrypt or a private CA write it, and its unencrypted
 * private key in PKCS#8 or the older PKCS#1 / SEC1 form. Every way the files can be wrong is
 * one {@link ConfigException} naming the file and the setting: missing, unreadable, not PEM, no
 * certificate, no key, an encrypted key, a key that is not the certificate's.
 */
final class PemKeyStore {
    static final String ALIAS = "chatvault";

    private PemKeyStore() {}

    /** The key store and the password its key entry is sealed with (random, never leaves the process). */
    record Loaded(KeyStore keyStore, char[] password, X509Certificate leaf) {}

    static Loaded load(TlsFiles files) {
        List<X509Certificate> chain = certificates(files.certificateChain());
        PrivateKey key = privateKey(files.privateKey());
        X509Certificate leaf = chain.getFirst();
        if (!belongTogether(key, leaf))
            throw new ConfigException("the private key in " + files.privateKey() + " (" + TlsFiles.KEY_SETTING + ") is not the key of the first certificate in "
                    + files.certificateChain() + " (" + TlsFiles.CERT_SETTING + "); the server's own certificate must come first");
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] password = new char[32];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < password.length; i++) password[i] = (char) ('a' + random.nextInt(26));
            ks.setKeyEntry(ALIAS, key, password, chain.toArray(X509Certificate[]::new));
            return new Loaded(ks, password, leaf);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot use the TLS key in " + files.privateKey() + " (" + TlsFiles.KEY_SETTING + "): " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object o : pemObjects(file, TlsFiles.CERT_SETTING)) {
            if (!(o instanceof X509CertificateHolder holder)) continue;
            try {
                chain.add(converter.getCertificate(holder));
            } catch (GeneralSecurityException e) {
                throw new ConfigException(file + " (" + TlsFiles.CERT_SETTING + ") holds a certificate that cannot be read: " + e.getMessage(), e);
            }
        }
        if (chain.isEmpty())
            throw new ConfigException(file + " (" + TlsFiles.CERT_SETTING + ") holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        for (Object o : pemObjects(file, TlsFiles.KEY_SETTING)) {
            try {
                switch (o) {
                    case PrivateKeyInfo info -> { return converter.getPrivateKey(info); }
                    // SEC1 keys may leave out the public half, so only the private half is converted
                    case PEMKeyPair pair -> { return converter.getPrivateKey(pair.getPrivateKeyInfo()); }
                    case PEMEncryptedKeyPair ignored -> throw encrypted(file);
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw encrypted(file);
                    default -> { }
                }
            } catch (org.bouncycastle.openssl.PEMException e) {
                throw new ConfigException(file + " (" + TlsFiles.KEY_SETTING + ") holds a private key that cannot be read: " + e.getMessage(), e);
            }
        }
        throw new ConfigException(file + " (" + TlsFiles.KEY_SETTING + ") holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
    }

    private static ConfigException encrypted(Path file) {
        return new ConfigException(file + " (" + TlsFiles.KEY_SETTING + ") holds an encrypted private key; give it unencrypted"
                + " (e.g. openssl pkey -in key.pem -out plain.pem) in a file only the server's user can read");
    }

    private static List<Object> pemObjects(Path file, String setting) {
        List<Object> objects = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            for (Object o = pem.readObject(); o != null; o = pem.readObject()) objects.add(o);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(file + " (" + setting + ") does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new ConfigException(file + " (" + setting + ") cannot be read: permission denied", e);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file + " (" + setting + ") is not a readable PEM file: " + e.getMessage(), e);
        }
        return objects;
    }

    /** Signs with the key and verifies with the certificate: true only for the certificate's own key. */
    private static boolean belongTogether(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "ED25519" -> "Ed25519";
            case "ED448" -> "Ed448";
            default -> null;
        };
        if (algorithm == null) return true; // an unusual key type: the TLS handshake will tell
        try {
            byte[] probe = "chatvault tls key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
