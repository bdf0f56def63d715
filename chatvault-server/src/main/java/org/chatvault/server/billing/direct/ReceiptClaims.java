package org.chatvault.server.billing.direct;

import java.time.Instant;
import java.util.Objects;

/**
 * What a direct receipt says, in the JWT claims of docs/DEPLOY.md "Direct receipts".
 *
 * @param issuer    {@code iss}: the operator's billing system, as configured ({@code billing.direct.issuer})
 * @param receiptId {@code jti}: the receipt's id, redeemed once across all accounts
 * @param accountId {@code sub}: the one account that may redeem it
 * @param productId {@code product}: a direct product of the catalog, which names the plan
 * @param from      {@code nbf}: the start of the paid time; the receipt cannot be redeemed before it
 * @param paidUntil {@code paid_until}: the end of the paid time
 * @param issuedAt  {@code iat}
 */
public record ReceiptClaims(String issuer, String receiptId, String accountId, String productId, Instant from, Instant paidUntil,
                            Instant issuedAt) {
    static final String PRODUCT = "product";
    static final String PAID_UNTIL = "paid_until";

    public ReceiptClaims {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(receiptId, "receiptId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(paidUntil, "paidUntil");
        Objects.requireNonNull(issuedAt, "issuedAt");
        if (!paidUntil.isAfter(from)) throw new IllegalArgumentException("a receipt must be paid until a time after its start");
    }
}
