package org.chatvault.server.billing;

import java.util.List;

/**
 * Billing for servers that sell nothing: a catalog whose free plan keeps everything, media included, with no practical
 * quota. For the demo and for tests that are not about plans (a generated history spans years and carries media,
 * which the built-in free plan would refuse or expire); tests of the plans use {@link BillingConfig#defaults()}.
 */
public final class UnmeteredPlans {
    private UnmeteredPlans() {}

    public static Catalogs catalogs() {
        return new Catalogs(List.of(new Catalog(1, List.of(new Plan(Catalog.FREE_PLAN, "Unmetered", true, null, Long.MAX_VALUE)), List.of())));
    }

    /** {@link BillingConfig#defaults()} with {@link #catalogs()}. */
    public static BillingConfig billing() {
        return BillingConfig.defaults().withCatalogs(catalogs());
    }
}
