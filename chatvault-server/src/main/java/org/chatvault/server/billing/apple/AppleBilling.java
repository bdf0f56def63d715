package org.chatvault.server.billing.apple;

import java.time.Clock;
import org.chatvault.server.billing.AppleStoreSettings;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.SubscriptionStore;

/**
 * App Store purchases and App Store Server Notifications V2, as the routes reach them; refuses both
 * with {@link BillingException.NotConfigured} when the operator configured no App Store.
 */
public final class AppleBilling {
    private final ApplePurchaseVerifier verifier;
    private final AppleNotifications notifications;
    private final SubscriptionService subscriptions;

    private AppleBilling(ApplePurchaseVerifier verifier, AppleNotifications notifications, SubscriptionService subscriptions) {
        this.verifier = verifier;
        this.notifications = notifications;
        this.subscriptions = subscriptions;
    }

    /** @param settings null when App Store purchases are not accepted */
    public static AppleBilling open(AppleStoreSettings settings, SubscriptionService subscriptions, SubscriptionStore store,
                                  AppleNotificationLog log, Clock clock) {
        if (settings == null) return new AppleBilling(null, null, subscriptions);
        AppleSignedData signed = new AppleSignedData(settings);
        return new AppleBilling(new ApplePurchaseVerifier(signed, clock), new AppleNotifications(signed, subscriptions, store, log, clock), subscriptions);
    }

    /**
     * Links the purchase in {@code signedTransaction} (StoreKit's JWS) to {@code accountId}.
     *
     * @throws BillingException.InvalidPurchase if it does not verify or names another account
     * @throws BillingException.AlreadyRedeemed if another account redeemed the purchase chain
     * @throws BillingException.UnknownProduct if the catalog does not sell its product
     */
    public Subscription redeem(String accountId, String signedTransaction) {
        if (verifier == null) throw new BillingException.NotConfigured(Provider.APPLE);
        return subscriptions.redeem(accountId, verifier.verify(accountId, signedTransaction));
    }

    /**
     * Takes in one notification, as Apple posts it ({@code signedPayload}).
     *
     * @throws BillingException.InvalidPurchase if it or anything signed inside it does not verify
     */
    public AppleNotificationOutcome notification(String signedPayload) {
        if (notifications == null) throw new BillingException.NotConfigured(Provider.APPLE);
        return notifications.take(signedPayload);
    }
}
