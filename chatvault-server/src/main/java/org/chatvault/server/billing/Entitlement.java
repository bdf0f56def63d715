package org.chatvault.server.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * What an account is entitled to at one instant; computed by {@link Entitlements#at}, never stored.
 *
 * @param plan           the plan whose allowance applies: the paid plan while paid and during the read-only grace,
 *                       the free plan otherwise
 * @param paidUntil      the end of the paid coverage that includes now (renewals chained), if paid; the end of the
 *                       last paid coverage if lapsed; null if never paid
 * @param storeGraceUntil the end of the store's billing grace, when a renewal failed and the store keeps access; else null
 * @param readOnlyUntil  when the read-only grace ends (= {@code cutOn}) if lapsed or if nothing renews; null if never paid
 * @param cutOn          when the account falls to the free allowance if nothing renews; null if never paid
 * @param subscriptionId the subscription that gives the plan; null on the free plan
 */
public record Entitlement(Plan plan, EntitlementState state, Instant paidUntil, Instant storeGraceUntil, Instant readOnlyUntil,
                          Instant cutOn, String subscriptionId) {
    public Entitlement {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
    }

    public long quotaBytes() { return plan.quotaBytes(); }

    public boolean mediaAllowed() { return plan.media(); }

    /** During the grace after a lapse: reads allowed, changes refused. */
    public boolean readOnly() { return state == EntitlementState.READ_ONLY; }
}
