package org.chatvault.server.billing.direct;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Date;

/**
 * Signs direct receipts with the operator's private key: what {@code chatvault billing issue-receipt}
 * runs, and what an operator's billing system does in its own code.
 */
public final class ReceiptIssuer {
    static final JOSEObjectType TYPE = new JOSEObjectType("chatvault-receipt+jwt");

    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;

    public ReceiptIssuer(PrivateKey key) {
        this.algorithm = ReceiptKeys.algorithmOf(key, "the receipt key");
        try {
            this.signer = algorithm == JWSAlgorithm.ES256 ? new ECDSASigner((ECPrivateKey) key) : Ed25519Jws.signer(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the receipt key cannot sign: " + e.getMessage(), e);
        }
    }

    /** The receipt as a compact JWS. */
    public String issue(ReceiptClaims c) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(c.issuer()).jwtID(c.receiptId()).subject(c.accountId())
                .claim(ReceiptClaims.PRODUCT, c.productId())
                .notBeforeTime(Date.from(c.from()))
                .claim(ReceiptClaims.PAID_UNTIL, c.paidUntil().getEpochSecond())
                .issueTime(Date.from(c.issuedAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(TYPE).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the receipt failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
