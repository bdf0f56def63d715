package org.chatvault.server.billing.google;

import java.util.Objects;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * What Google Play says of one purchase token, mapped: the model's view of it, and what only Play needs.
 *
 * @param acknowledged        whether the purchase was acknowledged (Play refunds an unacknowledged one after three days)
 * @param linkedPurchaseToken the token of the chain this purchase replaces (an upgrade, downgrade or re-subscription),
 *                            whose entitlement ends where this one starts; null otherwise
 */
public record PlayPurchase(VerifiedPurchase purchase, boolean acknowledged, String linkedPurchaseToken) {
    public PlayPurchase {
        Objects.requireNonNull(purchase, "purchase");
    }
}
