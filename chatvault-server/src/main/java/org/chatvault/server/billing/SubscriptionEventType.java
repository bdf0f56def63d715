package org.chatvault.server.billing;

/** What happened to a subscription: the lines of the history a user reads at {@code GET /v1/subscription}. */
public enum SubscriptionEventType {
    /** First linked to the account (a purchase, or a receipt redeemed). */
    REDEEMED,
    RENEWED,
    /** The user turned renewal off (or on again: {@link #RENEWAL_RESUMED}); access holds until paid-until. */
    RENEWAL_CANCELED,
    RENEWAL_RESUMED,
    /** A renewal payment failed; the store retries. */
    RENEWAL_FAILED,
    /** The store's billing grace began (access continues). */
    STORE_GRACE_STARTED,
    STORE_GRACE_EXPIRED,
    /** The store holds the subscription while it retries, without access. */
    ON_HOLD,
    EXPIRED,
    REFUNDED,
    REVOKED,
    /** A refund was reversed: the subscription stands again as paid. */
    REFUND_REVERSED,
    /** The plan or product changed (an upgrade or downgrade at the store). */
    PRODUCT_CHANGED
}
