package org.chatvault.server.config;

import java.util.List;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Catalogs;
import org.chatvault.server.billing.Plan;

/**
 * Billing for the demo and for tests that are not about plans: a single free plan that keeps all
 * history, media included, with a quota no test reaches. With the built-in catalog a free account
 * keeps only its last 30 days of text, so generated years of history would expire on the spot.
 */
public final class UnlimitedBilling {
    private UnlimitedBilling() {}

    public static BillingConfig config() {
        Plan everything = new Plan(Catalog.FREE_PLAN, "Free (unlimited)", true, null, Long.MAX_VALUE);
        return BillingConfig.defaults().withCatalogs(new Catalogs(List.of(new Catalog(1, List.of(everything), List.of()))));
    }
}
