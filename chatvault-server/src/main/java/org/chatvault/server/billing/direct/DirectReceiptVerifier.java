package org.chatvault.server.billing.direct;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.DirectReceiptSettings;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.PurchaseVerifier;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * Checks receipts signed by the operator's billing system (compact JWS): the algorithm the
 * configured key signs with and no other (no {@code none}, no HMAC), the signature, the issuer,
 * the account it was issued to, and its times. A receipt does not renew: a longer subscription is
 * a new receipt, with a new id, that starts where the last one ends.
 */
public final class DirectReceiptVerifier implements PurchaseVerifier {
    /** Far longer than any receipt: a bigger body is not one. */
    public static final int MAX_RECEIPT_CHARS = 8 * 1024;
    /** How far the issuer's clock may run ahead of ours for {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final JWSAlgorithm algorithm;
    private final JWSVerifier verifier;
    private final String issuer;
    private final Clock clock;

    public DirectReceiptVerifier(PublicKey key, String issuer, Clock clock) {
        this.algorithm = ReceiptKeys.algorithmOf(key, "the receipt public key");
        try {
            this.verifier = algorithm == JWSAlgorithm.ES256 ? new ECDSAVerifier((ECPublicKey) key) : Ed25519Jws.verifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the receipt public key cannot verify: " + e.getMessage(), e);
        }
        this.issuer = issuer;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException if the key file does not hold a usable key */
    public static DirectReceiptVerifier of(DirectReceiptSettings settings, Clock clock) {
        return new DirectReceiptVerifier(ReceiptKeys.readPublicKey(settings.publicKey()), settings.issuer(), clock);
    }

    @Override
    public Provider provider() { return Provider.DIRECT; }

    @Override
    public VerifiedPurchase verify(String accountId, String receipt) {
        ReceiptClaims c = check(receipt);
        if (!c.accountId().equals(accountId)) throw new BillingException.InvalidPurchase("this receipt was issued to another account");
        return new VerifiedPurchase(Provider.DIRECT, c.receiptId(), c.accountId(), c.productId(), SubscriptionStatus.ACTIVE, c.from(),
                c.paidUntil(), null, null);
    }

    /** The claims of a receipt that verifies now, whoever it was issued to. */
    ReceiptClaims check(String receipt) {
        if (receipt == null || receipt.isBlank()) throw invalid("no receipt was sent");
        if (receipt.length() > MAX_RECEIPT_CHARS) throw invalid("the receipt is longer than " + MAX_RECEIPT_CHARS + " characters");
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(receipt.strip());
        } catch (ParseException | RuntimeException e) {
            throw invalid("the receipt is not a signed JWS");
        }
        if (!algorithm.equals(jwt.getHeader().getAlgorithm()))
            throw invalid("the receipt is signed with " + jwt.getHeader().getAlgorithm() + "; this server accepts only " + algorithm);
        try {
            if (!jwt.verify(verifier)) throw invalid("the receipt's signature does not verify");
        } catch (JOSEException | IllegalStateException e) {
            throw invalid("the receipt's signature does not verify");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the receipt's claims are not a JSON object");
        }
        if (!issuer.equals(claims.getIssuer())) throw invalid("the receipt was not issued by '" + issuer + "'");
        String id = required(text(claims, "jti"), "jti");
        String account = required(claims.getSubject(), "sub");
        String product = required(text(claims, ReceiptClaims.PRODUCT), ReceiptClaims.PRODUCT);
        Instant issuedAt = instant(claims.getIssueTime());
        // The paid time starts at nbf; a receipt without one starts when it was issued.
        Instant from = required(claims.getNotBeforeTime() != null ? instant(claims.getNotBeforeTime()) : issuedAt, "nbf");
        Instant paidUntil = required(seconds(claims, ReceiptClaims.PAID_UNTIL), ReceiptClaims.PAID_UNTIL);
        if (!paidUntil.isAfter(from)) throw invalid("the receipt's paid_until is not after its nbf");
        Instant now = clock.instant();
        if (from.isAfter(now.plus(CLOCK_SKEW))) throw invalid("the receipt is not valid before " + from);
        if (!paidUntil.isAfter(now)) throw invalid("the receipt's paid time ended at " + paidUntil);
        Instant exp = instant(claims.getExpirationTime());
        if (exp != null && !exp.isAfter(now)) throw invalid("the receipt could be redeemed until " + exp);
        return new ReceiptClaims(claims.getIssuer(), id, account, product, from, paidUntil, issuedAt == null ? from : issuedAt);
    }

    private static String text(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw invalid("the receipt's '" + name + "' is not a string");
        }
    }

    private static Instant seconds(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        if (v == null) return null;
        if (!(v instanceof Number n) || n.doubleValue() != Math.floor(n.doubleValue()))
            throw invalid("the receipt's '" + name + "' is not a time in whole seconds");
        return Instant.ofEpochSecond(n.longValue());
    }

    private static Instant instant(Date d) { return d == null ? null : d.toInstant(); }

    private static <T> T required(T value, String claim) {
        if (value == null || value instanceof String s && s.isBlank()) throw invalid("the receipt has no '" + claim + "'");
        return value;
    }

    private static BillingException.InvalidPurchase invalid(String why) {
        return new BillingException.InvalidPurchase(why);
    }
}
