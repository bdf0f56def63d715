package org.chatvault.server.billing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Links verified purchases to accounts and keeps them current from store notifications. A store's
 * purchase chain is redeemed once across all accounts; renewals, refunds and revocations update it
 * and are written to the account's history.
 */
public final class SubscriptionService {
    private static final int UPDATE_ATTEMPTS = 5;

    private final SubscriptionStore store;
    private final Catalogs catalogs;
    private final Clock clock;

    public SubscriptionService(SubscriptionStore store, Catalogs catalogs, Clock clock) {
        this.store = store;
        this.catalogs = catalogs;
        this.clock = clock;
    }

    /**
     * Links a verified purchase to {@code accountId}. Sending the same purchase again from the same account
     * returns its subscription, brought up to date.
     *
     * @throws BillingException.InvalidPurchase if the store links the purchase to another account
     * @throws BillingException.UnknownProduct if the catalog does not sell the product
     * @throws BillingException.AlreadyRedeemed if another account redeemed this purchase chain
     */
    public Subscription redeem(String accountId, VerifiedPurchase purchase) {
        if (purchase.accountId() != null && !purchase.accountId().equals(accountId))
            throw new BillingException.InvalidPurchase("this purchase was made for another account");
        Catalog catalog = catalogs.current();
        Price price = catalog.product(purchase.provider(), purchase.productId())
                .orElseThrow(() -> new BillingException.UnknownProduct(purchase.provider(), purchase.productId()));
        Instant now = clock.instant();
        Subscription s = new Subscription(UUID.randomUUID().toString(), accountId, purchase.provider(), purchase.providerId(), catalog.version(),
                price.productId(), price.planId(), purchase.status(), purchase.startedAt(), purchase.paidUntil(), purchase.storeGraceUntil(),
                purchase.endedAt(), now);
        SubscriptionEvent first = new SubscriptionEvent(s.id(), accountId, SubscriptionEventType.REDEEMED, purchase.startedAt(), now,
                price.planId() + " via " + purchase.provider().wireName() + ", paid until " + purchase.paidUntil());
        return switch (store.redeem(s, first)) {
            case NEW -> s;
            case ALREADY_THIS_ACCOUNT -> unchanged(purchase).orElseGet(() ->
                    apply(new StoreEvent(SubscriptionEventType.RENEWED, purchase, now, "sent again by the app")).orElseThrow());
            case OTHER_ACCOUNT -> throw new BillingException.AlreadyRedeemed("this purchase was redeemed by another account");
        };
    }

    /** The stored subscription if it already says what {@code p} says: an app sending a purchase again adds no history line. */
    private Optional<Subscription> unchanged(VerifiedPurchase p) {
        return store.find(p.provider(), p.providerId()).filter(s -> s.productId().equals(p.productId()) && s.status() == p.status()
                && s.paidUntil().equals(p.paidUntil()) && java.util.Objects.equals(s.storeGraceUntil(), p.storeGraceUntil())
                && java.util.Objects.equals(s.endedAt(), p.endedAt()));
    }

    /**
     * Brings a known purchase chain up to the store's state and writes the event to its account's history.
     * A notification for a chain not redeemed yet (it may arrive before the app sends the purchase) is
     * redeemed for the account the store links it to, if any.
     *
     * @return the subscription afterwards; empty when the chain is unknown and linked to no account
     */
    public Optional<Subscription> apply(StoreEvent event) {
        VerifiedPurchase p = event.state();
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Optional<Subscription> known = store.find(p.provider(), p.providerId());
            if (known.isEmpty()) {
                if (p.accountId() == null) return Optional.empty();
                try {
                    return Optional.of(redeem(p.accountId(), p));
                } catch (BillingException.AlreadyRedeemed raced) {
                    continue;
                }
            }
            Subscription old = known.get();
            Instant now = clock.instant();
            String productId = p.productId();
            String planId = old.planId();
            String previousPlanId = old.previousPlanId();
            Instant planChangedAt = old.planChangedAt();
            if (!productId.equals(old.productId())) {
                planId = catalogs.version(old.catalogVersion()).flatMap(c -> c.product(p.provider(), productId))
                        .or(() -> catalogs.current().product(p.provider(), productId))
                        .map(Price::planId)
                        .orElseThrow(() -> new BillingException.UnknownProduct(p.provider(), productId));
                if (!planId.equals(old.planId())) {
                    // The time before the change stays under the better of the plans it was paid under: a
                    // downgrade never shortens the retention of months already announced as kept.
                    previousPlanId = previousPlanId == null ? old.planId() : moreGenerous(old, previousPlanId, old.planId());
                    planChangedAt = event.at().isAfter(old.startedAt()) ? event.at() : old.startedAt();
                }
            }
            Subscription changed = new Subscription(old.id(), old.accountId(), old.provider(), old.providerId(), old.catalogVersion(), productId,
                    planId, p.status(), old.startedAt(), p.paidUntil(), p.storeGraceUntil(), p.endedAt(), now, previousPlanId, planChangedAt);
            SubscriptionEvent line = new SubscriptionEvent(old.id(), old.accountId(), event.type(), event.at(), now, event.detail());
            if (store.update(changed, old.updatedAt(), line)) return Optional.of(changed);
        }
        throw new BillingException.ProviderUnavailable("the subscription changed concurrently too often; the store will retry", null);
    }

    private String moreGenerous(Subscription s, String a, String b) {
        Plan pa = Coverage.planOf(s.catalogVersion(), a, catalogs);
        Plan pb = Coverage.planOf(s.catalogVersion(), b, catalogs);
        return Entitlements.GENEROSITY.compare(pa, pb) >= 0 ? a : b;
    }

    public List<Subscription> subscriptions(String accountId) { return store.forAccount(accountId); }

    public List<SubscriptionEvent> history(String accountId, int limit) { return store.history(accountId, limit); }
}
