package org.chatvault.server.billing.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.DirectReceiptSettings;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.TestReceipts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Direct receipts: what verifies, and each way a receipt is refused. */
class DirectReceiptVerifierTest {
    private static final Instant NOW = Instant.parse("2025-03-10T08:00:00Z");
    private static final Instant FROM = Instant.parse("2025-03-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");
    private static final String ALICE = "acct-alice";

    @TempDir Path dir;
    private final MutableClock clock = new MutableClock(NOW);

    private DirectReceiptVerifier verifier() {
        return DirectReceiptVerifier.of(TestReceipts.settings(dir), clock);
    }

    private static ReceiptClaims claims(String issuer, String account) {
        return new ReceiptClaims(issuer, "receipt-1", account, TestReceipts.STANDARD_YEARLY, FROM, UNTIL, FROM);
    }

    private static void assertRefused(Runnable r, String why) {
        assertThatThrownBy(r::run).isInstanceOf(BillingException.InvalidPurchase.class).hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC", "Ed25519"})
    void aReceiptSignedWithTheOperatorsKeyVerifiesForItsAccount(String kind) {
        KeyPair keys = kind.equals("EC") ? TestReceipts.keys() : TestReceipts.newKeyPair(kind);
        Path pub = TestReceipts.writePem(dir.resolve(kind + ".pub.pem"), "PUBLIC KEY", keys.getPublic());
        Path priv = TestReceipts.writePem(dir.resolve(kind + ".pem"), "PRIVATE KEY", keys.getPrivate());
        String receipt = new ReceiptIssuer(ReceiptKeys.readPrivateKey(priv)).issue(claims("ops", ALICE));
        DirectReceiptVerifier v = DirectReceiptVerifier.of(new DirectReceiptSettings(pub, "ops"), clock);

        VerifiedPurchase p = v.verify(ALICE, receipt);

        assertThat(p).isEqualTo(new VerifiedPurchase(Provider.DIRECT, "receipt-1", ALICE, TestReceipts.STANDARD_YEARLY, SubscriptionStatus.ACTIVE,
                FROM, UNTIL, null, null));
        assertThat(SignedJWTs.algorithm(receipt)).isEqualTo(kind.equals("EC") ? "ES256" : "EdDSA");
    }

    @Test
    void anotherAccountsReceiptIsRefused() {
        String receipt = TestReceipts.issue("acct-bob", TestReceipts.STANDARD_YEARLY, FROM, UNTIL);
        assertRefused(() -> verifier().verify(ALICE, receipt), "another account");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String receipt = TestReceipts.issue(ALICE, TestReceipts.STANDARD_YEARLY, FROM, UNTIL);
        String[] parts = receipt.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(TestReceipts.STANDARD_YEARLY, TestReceipts.FOREVER_YEARLY);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(tampered).isNotEqualTo(receipt);
        assertRefused(() -> verifier().verify(ALICE, tampered), "signature does not verify");
    }

    @Test
    void aReceiptSignedWithAnotherKeyIsRefused() {
        KeyPair other = TestReceipts.newKeyPair("EC");
        String receipt = new ReceiptIssuer(other.getPrivate()).issue(claims(TestReceipts.ISSUER, ALICE));
        assertRefused(() -> verifier().verify(ALICE, receipt), "signature does not verify");
    }

    @Test
    void aReceiptOfAnotherIssuerIsRefused() {
        String receipt = new ReceiptIssuer(TestReceipts.keys().getPrivate()).issue(claims("someone-else", ALICE));
        assertRefused(() -> verifier().verify(ALICE, receipt), "not issued by 'test-billing'");
    }

    @Test
    void algNoneAndHmacKeyedWithThePublicKeyAreRefused() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(TestReceipts.ISSUER).jwtID("r").subject(ALICE)
                .claim("product", TestReceipts.STANDARD_YEARLY).notBeforeTime(Date.from(FROM)).claim("paid_until", UNTIL.getEpochSecond()).build();
        String none = new PlainJWT(new PlainHeader(), claims).serialize();
        assertRefused(() -> verifier().verify(ALICE, none), "not a signed JWS");

        // The classic confusion: HS256 with the (public, known) verification key as the HMAC secret.
        byte[] secret = java.util.Arrays.copyOf(TestReceipts.keys().getPublic().getEncoded(), 64);
        SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("JWT")).build(), claims);
        hs.sign(new MACSigner(secret));
        assertRefused(() -> verifier().verify(ALICE, hs.serialize()), "accepts only ES256");

        // EdDSA in the header while the configured key is EC: refused before any verification
        String ed = new ReceiptIssuer(TestReceipts.newKeyPair("Ed25519").getPrivate()).issue(claims(TestReceipts.ISSUER, ALICE));
        assertRefused(() -> verifier().verify(ALICE, ed), "accepts only ES256");
    }

    @Test
    void timesAreChecked() {
        DirectReceiptVerifier v = verifier();
        String notYet = TestReceipts.issue(ALICE, TestReceipts.STANDARD_YEARLY, NOW.plusSeconds(3600), UNTIL);
        assertRefused(() -> v.verify(ALICE, notYet), "not valid before");
        String withinSkew = TestReceipts.issue(ALICE, TestReceipts.STANDARD_YEARLY, NOW.plusSeconds(30), UNTIL);
        assertThat(v.verify(ALICE, withinSkew).startedAt()).isEqualTo(NOW.plusSeconds(30));
        String over = TestReceipts.issue(ALICE, TestReceipts.STANDARD_YEARLY, FROM, NOW);
        assertRefused(() -> v.verify(ALICE, over), "paid time ended");

        String fine = TestReceipts.issue(ALICE, TestReceipts.STANDARD_YEARLY, FROM, UNTIL);
        clock.advance(java.time.Duration.between(NOW, UNTIL));
        assertRefused(() -> v.verify(ALICE, fine), "paid time ended");
    }

    @Test
    void missingClaimsAndGarbageAreRefused() throws Exception {
        assertRefused(() -> verifier().verify(ALICE, ""), "no receipt");
        assertRefused(() -> verifier().verify(ALICE, "a.b.c"), "not a signed JWS");
        assertRefused(() -> verifier().verify(ALICE, "x".repeat(DirectReceiptVerifier.MAX_RECEIPT_CHARS + 1)), "longer than");
        SignedJWT noProduct = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().issuer(TestReceipts.ISSUER)
                .jwtID("r").subject(ALICE).notBeforeTime(Date.from(FROM)).claim("paid_until", UNTIL.getEpochSecond()).build());
        noProduct.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) TestReceipts.keys().getPrivate()));
        assertRefused(() -> verifier().verify(ALICE, noProduct.serialize()), "no 'product'");
        var signer = new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) TestReceipts.keys().getPrivate());
        SignedJWT noStart = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().issuer(TestReceipts.ISSUER)
                .jwtID("r").subject(ALICE).claim("product", TestReceipts.STANDARD_YEARLY).claim("paid_until", UNTIL.getEpochSecond()).build());
        noStart.sign(signer);
        assertRefused(() -> verifier().verify(ALICE, noStart.serialize()), "no 'nbf'");
        // Without nbf the paid time starts at iat.
        SignedJWT fromIat = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().issuer(TestReceipts.ISSUER)
                .jwtID("r").subject(ALICE).claim("product", TestReceipts.STANDARD_YEARLY).issueTime(Date.from(FROM))
                .claim("paid_until", UNTIL.getEpochSecond()).build());
        fromIat.sign(signer);
        assertThat(verifier().verify(ALICE, fromIat.serialize()).startedAt()).isEqualTo(FROM);
        SignedJWT fractional = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), new JWTClaimsSet.Builder().issuer(TestReceipts.ISSUER)
                .jwtID("r").subject(ALICE).claim("product", TestReceipts.STANDARD_YEARLY).notBeforeTime(Date.from(FROM))
                .claim("paid_until", "tomorrow").build());
        fractional.sign(signer);
        assertRefused(() -> verifier().verify(ALICE, fractional.serialize()), "not a time in whole seconds");
    }

    @Test
    void aKeyOfAnotherKindIsRefusedAtConfiguration() throws Exception {
        KeyPair rsa = TestReceipts.newKeyPair("RSA");
        Path pub = TestReceipts.writePem(dir.resolve("rsa.pub.pem"), "PUBLIC KEY", rsa.getPublic());
        assertThatThrownBy(() -> ReceiptKeys.readPublicKey(pub)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EC P-256 (ES256) or Ed25519 (EdDSA)");
        assertThatThrownBy(() -> ReceiptKeys.readPublicKey(dir.resolve("absent.pem"))).hasMessageContaining("does not exist");
        java.security.KeyPairGenerator p384 = java.security.KeyPairGenerator.getInstance("EC");
        p384.initialize(new java.security.spec.ECGenParameterSpec("secp384r1"));
        Path other = TestReceipts.writePem(dir.resolve("p384.pub.pem"), "PUBLIC KEY", p384.generateKeyPair().getPublic());
        assertThatThrownBy(() -> ReceiptKeys.readPublicKey(other)).hasMessageContaining("must be on curve P-256");
    }

    /** Reads a compact JWS's header algorithm. */
    private static final class SignedJWTs {
        static String algorithm(String jws) throws RuntimeException {
            try {
                return SignedJWT.parse(jws).getHeader().getAlgorithm().getName();
            } catch (java.text.ParseException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
