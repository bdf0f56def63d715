package org.chatvault.server.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One purchase chain at one store, linked to one account for good. Renewals update it; the
 * history of what happened to it is a list of {@link SubscriptionEvent}s.
 *
 * @param id              the server's own id for it
 * @param providerId      the store's id of the purchase chain (Apple's original transaction id, Play's
 *                        purchase token, the direct receipt's id); unique per provider across all accounts
 *                        and never reused, so a transaction is redeemed once
 * @param catalogVersion  the catalog version it was bought under, which fixes its plan and price
 * @param productId       the store's product id, a row of that catalog version
 * @param planId          the plan it buys
 * @param startedAt       when it was first bought
 * @param paidUntil       the end of the last paid period
 * @param storeGraceUntil the end of the store's billing grace when a renewal failed and the store keeps
 *                        access meanwhile; null otherwise
 * @param endedAt         when a refund or revocation ended it early; null otherwise
 * @param updatedAt       when the server last changed this row (store notifications may arrive out of order;
 *                        one older than the row's state does not overwrite it)
 * @param previousPlanId  the plan before the last product change (the most generous of the earlier ones), which
 *                        applied from {@code startedAt} until {@code planChangedAt}; null if the plan never changed
 * @param planChangedAt   when {@code planId} took over from {@code previousPlanId}; null if the plan never changed
 */
public record Subscription(String id, String accountId, Provider provider, String providerId, int catalogVersion, String productId,
                           String planId, SubscriptionStatus status, Instant startedAt, Instant paidUntil, Instant storeGraceUntil,
                           Instant endedAt, Instant updatedAt, String previousPlanId, Instant planChangedAt) {
    /** A subscription whose plan never changed. */
    public Subscription(String id, String accountId, Provider provider, String providerId, int catalogVersion, String productId,
                        String planId, SubscriptionStatus status, Instant startedAt, Instant paidUntil, Instant storeGraceUntil,
                        Instant endedAt, Instant updatedAt) {
        this(id, accountId, provider, providerId, catalogVersion, productId, planId, status, startedAt, paidUntil, storeGraceUntil, endedAt,
                updatedAt, null, null);
    }

    public Subscription {
        if ((previousPlanId == null) != (planChangedAt == null))
            throw new IllegalArgumentException("a plan change needs both the previous plan and its time");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(paidUntil, "paidUntil");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
