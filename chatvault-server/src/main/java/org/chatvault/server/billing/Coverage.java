package org.chatvault.server.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When one subscription grants its plan: from its start to the end of its paid period (or of the
 * store's billing grace while the store keeps access), cut short by a refund or revocation.
 */
record Coverage(Subscription subscription, Plan plan, Instant from, Instant until) {

    boolean covers(Instant t) { return !t.isBefore(from) && t.isBefore(until); }

    static List<Coverage> of(List<Subscription> subscriptions, Catalogs catalogs) {
        List<Coverage> out = new ArrayList<>();
        for (Subscription s : subscriptions) {
            Instant until = s.paidUntil();
            if (s.status() == SubscriptionStatus.STORE_GRACE && s.storeGraceUntil() != null && s.storeGraceUntil().isAfter(until))
                until = s.storeGraceUntil();
            if (s.endedAt() != null && s.endedAt().isBefore(until)) until = s.endedAt();
            if (until.isAfter(s.startedAt())) out.add(new Coverage(s, planOf(s, catalogs), s.startedAt(), until));
        }
        return out;
    }

    /**
     * The plan as bought, from the subscription's own catalog version; a version the operator removed
     * falls back to the newest plan of that id, and an unknown plan to the free one, so a configuration
     * mistake never takes more than it gives.
     */
    private static Plan planOf(Subscription s, Catalogs catalogs) {
        return catalogs.version(s.catalogVersion()).flatMap(c -> c.plan(s.planId()))
                .or(() -> catalogs.current().plan(s.planId()))
                .orElse(catalogs.current().free());
    }
}
