package org.chatvault.server.billing;

import java.time.Instant;
import java.util.Objects;

/**
 * A store notification mapped onto the model: what happened ({@code type}) and the store's state of
 * the chain afterwards ({@code state}), for {@link SubscriptionService#apply}.
 *
 * @param at     when it happened at the store
 * @param detail short words for the user's history, never a token
 */
public record StoreEvent(SubscriptionEventType type, VerifiedPurchase state, Instant at, String detail) {
    public StoreEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
