package org.chatvault.server.billing;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One version of the plans and their prices. A subscription remembers the version it was bought
 * under, so a later price or plan change never rewrites it; a new version is added instead.
 */
public record Catalog(int version, List<Plan> plans, List<Price> prices) {
    /** Every catalog has this plan: what an account without a subscription, or after a cut, gets. */
    public static final String FREE_PLAN = "free";

    public Catalog {
        if (version < 1) throw new IllegalArgumentException("catalog version must be at least 1, not " + version);
        plans = List.copyOf(plans);
        prices = List.copyOf(prices);
        Set<String> ids = new HashSet<>();
        for (Plan p : plans) if (!ids.add(p.id())) throw new IllegalArgumentException("catalog " + version + ": plan " + p.id() + " twice");
        if (!ids.contains(FREE_PLAN)) throw new IllegalArgumentException("catalog " + version + " has no plan '" + FREE_PLAN + "'");
        Set<String> products = new HashSet<>();
        for (Price p : prices) {
            if (!ids.contains(p.planId()))
                throw new IllegalArgumentException("catalog " + version + ": product " + p.productId() + " buys unknown plan " + p.planId());
            if (p.planId().equals(FREE_PLAN))
                throw new IllegalArgumentException("catalog " + version + ": product " + p.productId() + " sells the free plan");
            if (!products.add(p.provider() + "/" + p.productId()))
                throw new IllegalArgumentException("catalog " + version + ": product " + p.productId() + " of " + p.provider().wireName() + " twice");
        }
    }

    public Optional<Plan> plan(String id) {
        return plans.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Plan free() {
        return plan(FREE_PLAN).orElseThrow();
    }

    /** The price row of a store's product, which names the plan it buys. */
    public Optional<Price> product(Provider provider, String productId) {
        return prices.stream().filter(p -> p.provider() == provider && p.productId().equals(productId)).findFirst();
    }
}
