package org.chatvault.server.billing;

/** Where a subscription stands, as its store last told us. */
public enum SubscriptionStatus {
    /** Paid until {@link Subscription#paidUntil()}, and set to renew. */
    ACTIVE,
    /** Paid until {@link Subscription#paidUntil()}, but will not renew (the user turned renewal off). */
    CANCELED,
    /** A renewal payment failed and the store keeps access during its own billing grace ({@link Subscription#storeGraceUntil()}). */
    STORE_GRACE,
    /** A renewal payment failed; the store is retrying without granting access (Play's "on hold", Apple's billing retry). */
    ON_HOLD,
    /** Ran out: not renewed by {@link Subscription#paidUntil()} (or the store's grace). */
    EXPIRED,
    /** Refunded: the entitlement ended at {@link Subscription#endedAt()}. */
    REFUNDED,
    /** Revoked by the store (family sharing withdrawn, fraud, a voided purchase): ended at {@link Subscription#endedAt()}. */
    REVOKED
}
