package org.chatvault.server.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SubscriptionStore} in memory, for property runs of thousands of histories (the SQL one has its contract test). */
final class MemorySubscriptionStore implements SubscriptionStore {
    private final Map<String, Subscription> byChain = new LinkedHashMap<>();
    private final List<SubscriptionEvent> events = new ArrayList<>();

    private static String key(Provider p, String id) { return p + "/" + id; }

    @Override
    public synchronized Redeemed redeem(Subscription s, SubscriptionEvent first) {
        Subscription known = byChain.get(key(s.provider(), s.providerId()));
        if (known != null) return known.accountId().equals(s.accountId()) ? Redeemed.ALREADY_THIS_ACCOUNT : Redeemed.OTHER_ACCOUNT;
        byChain.put(key(s.provider(), s.providerId()), s);
        events.add(first);
        return Redeemed.NEW;
    }

    @Override
    public synchronized Optional<Subscription> find(Provider provider, String providerId) {
        return Optional.ofNullable(byChain.get(key(provider, providerId)));
    }

    @Override
    public synchronized boolean update(Subscription changed, Instant expectedUpdatedAt, SubscriptionEvent event) {
        Subscription old = byChain.get(key(changed.provider(), changed.providerId()));
        if (old == null || !old.updatedAt().equals(expectedUpdatedAt)) return false;
        byChain.put(key(changed.provider(), changed.providerId()), changed);
        events.add(event);
        return true;
    }

    @Override
    public synchronized List<Subscription> forAccount(String accountId) {
        return byChain.values().stream().filter(s -> s.accountId().equals(accountId))
                .sorted(Comparator.comparing(Subscription::startedAt).thenComparing(Subscription::id)).toList();
    }

    /** Under the plans from the beginning: the tests here are about the rule, not about accounts older than it. */
    @Override
    public java.time.Instant meteredSince(String accountId) { return java.time.Instant.MIN; }

    @Override
    public synchronized List<SubscriptionEvent> history(String accountId, int limit) {
        return events.reversed().stream().filter(e -> e.accountId().equals(accountId)).limit(limit).toList();
    }
}
