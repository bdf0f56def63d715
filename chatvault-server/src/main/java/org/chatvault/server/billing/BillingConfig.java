package org.chatvault.server.billing;

import java.time.Duration;
import java.util.Objects;

/**
 * Plans, prices and stores.
 *
 * @param catalogs    every catalog version; new purchases use the newest
 * @param gracePeriod how long a lapsed account stays read-only (restore, export, archive) before the cut to free;
 *                    also the least notice before any deletion
 * @param apple       null when App Store purchases are not accepted; likewise {@code google}, {@code direct}
 */
public record BillingConfig(Catalogs catalogs, Duration gracePeriod, AppleStoreSettings apple, GooglePlaySettings google,
                            DirectReceiptSettings direct) {
    public static final Duration DEFAULT_GRACE = Duration.ofDays(30);

    public BillingConfig {
        Objects.requireNonNull(catalogs, "catalogs");
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        if (gracePeriod.isNegative()) throw new IllegalArgumentException("the grace period must not be negative");
    }

    /** The built-in catalog, 30 days of grace, no store configured. */
    public static BillingConfig defaults() {
        return new BillingConfig(Catalogs.defaults(), DEFAULT_GRACE, null, null, null);
    }

    public BillingConfig withCatalogs(Catalogs v) { return new BillingConfig(v, gracePeriod, apple, google, direct); }
    public BillingConfig withGracePeriod(Duration v) { return new BillingConfig(catalogs, v, apple, google, direct); }
    public BillingConfig withApple(AppleStoreSettings v) { return new BillingConfig(catalogs, gracePeriod, v, google, direct); }
    public BillingConfig withGoogle(GooglePlaySettings v) { return new BillingConfig(catalogs, gracePeriod, apple, v, direct); }
    public BillingConfig withDirect(DirectReceiptSettings v) { return new BillingConfig(catalogs, gracePeriod, apple, google, v); }
}
