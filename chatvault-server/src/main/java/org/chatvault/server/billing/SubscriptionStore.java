package org.chatvault.server.billing;

import java.util.List;
import java.util.Optional;

/**
 * Subscriptions and their history. Every method may throw
 * {@link org.chatvault.server.storage.StoreException} when the database fails.
 */
public interface SubscriptionStore {
    /** What {@link #redeem} did. */
    enum Redeemed { NEW, ALREADY_THIS_ACCOUNT, OTHER_ACCOUNT }

    /**
     * Links a store's purchase chain to an account, atomically and once across all accounts
     * (unique on provider and provider id), and writes {@code first} to its history.
     *
     * @return {@code NEW} if stored; {@code ALREADY_THIS_ACCOUNT} or {@code OTHER_ACCOUNT} (nothing stored)
     *         when the provider id was redeemed before
     */
    Redeemed redeem(Subscription subscription, SubscriptionEvent first);

    Optional<Subscription> find(Provider provider, String providerId);

    /**
     * Replaces a subscription's state and appends {@code event}, in one transaction, unless the stored row
     * changed since {@code expectedUpdatedAt} (a concurrent notification): then nothing is written.
     *
     * @return whether it was written
     */
    boolean update(Subscription changed, java.time.Instant expectedUpdatedAt, SubscriptionEvent event);

    /** The account's subscriptions, oldest first. */
    List<Subscription> forAccount(String accountId);

    /**
     * For an account created before plans existed, when the server first ran with them (migration V18): it kept
     * its whole history until then, so retention deletes nothing of it until a grace period later and the first cut
     * is announced that long ahead. {@link java.time.Instant#MIN} for every other account: it was under the plans
     * from its creation, and its devices never upload what its plan does not keep (the head's {@code keptFrom}).
     */
    java.time.Instant meteredSince(String accountId);

    /** The account's history, newest first, at most {@code limit} lines. */
    List<SubscriptionEvent> history(String accountId, int limit);
}
