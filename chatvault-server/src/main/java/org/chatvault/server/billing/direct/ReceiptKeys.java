package org.chatvault.server.billing.direct;

import com.nimbusds.jose.JWSAlgorithm;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The PEM keys of direct receipts and the one JWS algorithm each kind of key signs with: an EC
 * P-256 key ES256, an Ed25519 key EdDSA. The algorithm follows from the configured key, never
 * from a receipt's header, so a receipt cannot choose {@code none} or an HMAC keyed with the
 * public key.
 */
public final class ReceiptKeys {
    private ReceiptKeys() {}

    /** @throws IllegalArgumentException with a one-line reason when the file is missing, unreadable or holds another kind of key */
    public static PublicKey readPublicKey(Path file) {
        Object o = singlePemObject(file);
        try {
            if (o instanceof SubjectPublicKeyInfo info) {
                PublicKey key = new JcaPEMKeyConverter().getPublicKey(info);
                algorithmOf(key, file);
                return key;
            }
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IllegalArgumentException(file + " holds a public key that cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " holds no PEM public key (-----BEGIN PUBLIC KEY-----)");
    }

    /** @throws IllegalArgumentException with a one-line reason when the file is missing, unreadable or holds another kind of key */
    public static PrivateKey readPrivateKey(Path file) {
        Object o = singlePemObject(file);
        try {
            PrivateKey key = switch (o) {
                case PrivateKeyInfo info -> new JcaPEMKeyConverter().getPrivateKey(info);
                case PEMKeyPair pair -> new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                default -> throw new IllegalArgumentException(file + " holds no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)");
            };
            algorithmOf(key, file);
            return key;
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IllegalArgumentException(file + " holds a private key that cannot be read: " + e.getMessage(), e);
        }
    }

    /** The algorithm a key of this kind signs receipts with. */
    static JWSAlgorithm algorithmOf(Key key, Object where) {
        if (key instanceof ECKey ec) {
            if (!com.nimbusds.jose.jwk.Curve.P_256.equals(com.nimbusds.jose.jwk.Curve.forECParameterSpec(ec.getParams())))
                throw new IllegalArgumentException(where + ": an EC key for receipts must be on curve P-256 (ES256)");
            return JWSAlgorithm.ES256;
        }
        String name = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (name.equals("ED25519") || isEd25519(key)) return JWSAlgorithm.EdDSA;
        throw new IllegalArgumentException(where + ": a receipt key must be EC P-256 (ES256) or Ed25519 (EdDSA), not " + key.getAlgorithm());
    }

    private static boolean isEd25519(Key key) {
        return key instanceof java.security.interfaces.EdECKey ed && ed.getParams().getName().equalsIgnoreCase("Ed25519");
    }

    private static Object singlePemObject(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            if (o == null) throw new IllegalArgumentException(file + " holds no PEM key");
            return o;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(file + " does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new IllegalArgumentException(file + " cannot be read: permission denied", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) throw iae;
            throw new IllegalArgumentException(file + " is not a readable PEM file: " + e.getMessage(), e);
        }
    }
}
