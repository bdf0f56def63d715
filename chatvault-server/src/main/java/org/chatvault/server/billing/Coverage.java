package org.chatvault.server.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When one subscription grants a plan: from its start (or its last plan change) to the end of its paid
 * period (or of the store's billing grace), cut short by a refund or revocation.
 */
record Coverage(Subscription subscription, Plan plan, Instant from, Instant until) {

    boolean covers(Instant t) { return !t.isBefore(from) && t.isBefore(until); }

    static List<Coverage> of(List<Subscription> subscriptions, Catalogs catalogs) {
        return of(subscriptions, catalogs, false);
    }

    /**
     * @param asLearnt for retention: an end the server learnt after it happened (a refund or revocation reported
     *                 late, a paid-until moved back) counts from when it was learnt ({@code updatedAt}), so no
     *                 deletion follows it sooner than a grace period after it could be announced
     */
    static List<Coverage> of(List<Subscription> subscriptions, Catalogs catalogs, boolean asLearnt) {
        List<Coverage> out = new ArrayList<>();
        for (Subscription s : subscriptions) {
            Instant until = s.paidUntil();
            // Access a store's billing grace gave counts as paid time, during the grace and after it ran out
            // (then the lapse, and the read-only grace, start where the store's access ended).
            if (s.storeGraceUntil() != null && s.storeGraceUntil().isAfter(until) && s.status() != SubscriptionStatus.ACTIVE
                    && s.status() != SubscriptionStatus.CANCELED)
                until = s.storeGraceUntil();
            if (s.endedAt() != null && s.endedAt().isBefore(until)) until = s.endedAt();
            if (asLearnt && s.updatedAt().isAfter(until)) until = s.updatedAt();
            Plan plan = planOf(s.catalogVersion(), s.planId(), catalogs);
            Instant from = s.startedAt();
            if (s.planChangedAt() != null && s.planChangedAt().isAfter(from)) {
                Instant change = s.planChangedAt().isBefore(until) ? s.planChangedAt() : until;
                if (change.isAfter(from)) out.add(new Coverage(s, planOf(s.catalogVersion(), s.previousPlanId(), catalogs), from, change));
                from = change;
            }
            if (until.isAfter(from)) out.add(new Coverage(s, plan, from, until));
        }
        return out;
    }

    /**
     * A plan as bought, from the subscription's own catalog version; a version the operator removed
     * falls back to the newest plan of that id, and an unknown plan to the free one, so a configuration
     * mistake never takes more than it gives.
     */
    static Plan planOf(int catalogVersion, String planId, Catalogs catalogs) {
        return catalogs.version(catalogVersion).flatMap(c -> c.plan(planId))
                .or(() -> catalogs.current().plan(planId))
                .orElse(catalogs.current().free());
    }
}
