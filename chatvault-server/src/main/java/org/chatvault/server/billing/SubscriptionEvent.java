package org.chatvault.server.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of an account's subscription history.
 *
 * @param at         when it happened at the store (the store's own time where it gives one)
 * @param receivedAt when the server learnt of it
 * @param detail     short words for the user, never a secret, token or receipt
 */
public record SubscriptionEvent(String subscriptionId, String accountId, SubscriptionEventType type, Instant at, Instant receivedAt,
                                String detail) {
    public SubscriptionEvent {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
