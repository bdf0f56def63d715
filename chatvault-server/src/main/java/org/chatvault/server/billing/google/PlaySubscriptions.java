package org.chatvault.server.billing.google;

import com.google.api.services.androidpublisher.model.SubscriptionPurchaseV2;
import org.chatvault.server.billing.BillingException;

/**
 * The two calls of the Google Play Developer API the server needs, for the configured app. The one
 * real implementation is {@link AndroidPublisherSubscriptions}; messages never repeat a purchase token.
 */
public interface PlaySubscriptions {
    /**
     * {@code purchases.subscriptionsv2.get}: the purchase chain's state now.
     *
     * @throws BillingException.InvalidPurchase if Google Play does not know the token (malformed, of another app,
     *         or gone: Play forgets purchases some time after they end)
     * @throws BillingException.ProviderUnavailable if Play could not be asked, or refused the server's credentials
     */
    SubscriptionPurchaseV2 get(String purchaseToken);

    /**
     * {@code purchases.subscriptions.acknowledge}: tells Play the purchase was granted, without which Play refunds
     * it after three days.
     *
     * @throws BillingException.InvalidPurchase if Play does not know the token
     * @throws BillingException.ProviderUnavailable if Play could not be asked
     */
    void acknowledge(String productId, String purchaseToken);
}
