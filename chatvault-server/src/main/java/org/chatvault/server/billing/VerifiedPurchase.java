package org.chatvault.server.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * A store's word on one purchase chain, after its signature or the store's API was checked: what a
 * {@link PurchaseVerifier} or a store notification hands to {@link SubscriptionService}.
 *
 * @param providerId      the chain's id at the store (Apple original transaction id, Play purchase token,
 *                        direct receipt id), never reused
 * @param accountId       the account the store links it to (Apple {@code appAccountToken}, Play's obfuscated
 *                        account id, the receipt's subject); null when the store carries no link
 * @param storeGraceUntil see {@link Subscription#storeGraceUntil()}
 * @param endedAt         refund or revocation time; null otherwise
 */
public record VerifiedPurchase(Provider provider, String providerId, String accountId, String productId, SubscriptionStatus status,
                               Instant startedAt, Instant paidUntil, Instant storeGraceUntil, Instant endedAt) {
    public VerifiedPurchase {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(paidUntil, "paidUntil");
    }
}
