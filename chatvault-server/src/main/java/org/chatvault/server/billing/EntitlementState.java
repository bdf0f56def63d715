package org.chatvault.server.billing;

/** What an account may do now, by its subscriptions. */
public enum EntitlementState {
    /** No paid plan: the free allowance (never paid, or cut after a lapse's grace period). */
    FREE,
    /** A paid plan is in force (a store's billing grace included: the store keeps access meanwhile). */
    PAID,
    /**
     * The paid plan lapsed (expired, refunded or revoked) less than the grace period ago: the vault can be
     * restored, exported and archived, not changed; at {@link Entitlement#cutOn()} it is cut to the free allowance.
     */
    READ_ONLY
}
