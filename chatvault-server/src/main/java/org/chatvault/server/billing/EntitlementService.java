package org.chatvault.server.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** An account's entitlement and retention from its stored subscriptions, the catalog and the clock. */
public final class EntitlementService {
    private final SubscriptionStore store;
    private final Catalogs catalogs;
    private final Duration grace;
    private final Clock clock;

    public EntitlementService(SubscriptionStore store, BillingConfig config, Clock clock) {
        this.store = store;
        this.catalogs = config.catalogs();
        this.grace = config.gracePeriod();
        this.clock = clock;
    }

    /** What the account may do now. */
    public Entitlement current(String accountId) { return at(accountId, clock.instant()); }

    /** What the account may do at {@code t} if nothing renews beyond what is known now (for previews). */
    public Entitlement at(String accountId, Instant t) {
        return Entitlements.at(store.forAccount(accountId), catalogs, grace, t);
    }

    /** Which months the account's plans keep, now and ahead. */
    public RetentionSchedule retention(String accountId) {
        return RetentionSchedule.of(store.forAccount(accountId), catalogs, grace, store.meteredSince(accountId));
    }

    public Duration gracePeriod() { return grace; }

    public Catalogs catalogs() { return catalogs; }

    public Clock clock() { return clock; }
}
