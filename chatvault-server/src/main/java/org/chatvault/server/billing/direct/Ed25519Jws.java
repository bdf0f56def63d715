package org.chatvault.server.billing.direct;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * EdDSA (Ed25519, RFC 8037) for nimbus-jose-jwt through the JDK's own {@code Ed25519} signature.
 * Nimbus's Ed25519 classes need Google Tink; the JDK has had Ed25519 since 15, so a PEM key the
 * operator made with {@code openssl genpkey -algorithm ed25519} is used as it is.
 */
final class Ed25519Jws {
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA);

    private Ed25519Jws() {}

    static JWSVerifier verifier(PublicKey key) {
        return new JWSVerifier() {
            private final JCAContext context = new JCAContext();

            @Override
            public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
                if (!ALGORITHMS.contains(header.getAlgorithm())) return false;
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    s.initVerify(key);
                    s.update(signingInput);
                    return s.verify(signature.decode());
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    return false; // a malformed signature is a signature that does not verify
                }
            }

            @Override public Set<JWSAlgorithm> supportedJWSAlgorithms() { return ALGORITHMS; }

            @Override public JCAContext getJCAContext() { return context; }
        };
    }

    static JWSSigner signer(PrivateKey key) {
        return new JWSSigner() {
            private final JCAContext context = new JCAContext();

            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                try {
                    Signature s = Signature.getInstance("Ed25519");
                    s.initSign(key);
                    s.update(signingInput);
                    return Base64URL.encode(s.sign());
                } catch (GeneralSecurityException e) {
                    throw new JOSEException("Ed25519 signing failed: " + e.getMessage(), e);
                }
            }

            @Override public Set<JWSAlgorithm> supportedJWSAlgorithms() { return ALGORITHMS; }

            @Override public JCAContext getJCAContext() { return context; }
        };
    }
}
