package org.chatvault.server.billing.apple;

import java.time.Clock;
import java.util.Optional;
import org.chatvault.server.billing.AppleStoreSettings;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.SubscriptionStore;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * App Store purchases and App Store Server Notifications V2, as the routes reach them; refuses both
 * with {@link BillingException.NotConfigured} when the operator configured no App Store.
 */
public final class AppleBilling {
    private final ApplePurchaseVerifier verifier;
    private final AppleNotifications notifications;
    private final SubscriptionService subscriptions;
    private final SubscriptionStore store;

    private AppleBilling(ApplePurchaseVerifier verifier, AppleNotifications notifications, SubscriptionService subscriptions, SubscriptionStore store) {
        this.verifier = verifier;
        this.notifications = notifications;
        this.subscriptions = subscriptions;
        this.store = store;
    }

    /** @param settings null when App Store purchases are not accepted */
    public static AppleBilling open(AppleStoreSettings settings, SubscriptionService subscriptions, SubscriptionStore store,
                                  AppleNotificationLog log, Clock clock) {
        if (settings == null) return new AppleBilling(null, null, subscriptions, store);
        AppleSignedData signed = new AppleSignedData(settings);
        return new AppleBilling(new ApplePurchaseVerifier(signed, clock), new AppleNotifications(signed, subscriptions, store, log, clock), subscriptions,
                store);
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
        VerifiedPurchase purchase = verifier.verify(accountId, signedTransaction);
        Optional<Subscription> known = store.find(Provider.APPLE, purchase.providerId()).filter(s -> s.accountId().equals(accountId));
        // The app may hold an older transaction of the chain than the notifications brought in since: it
        // must not take back a renewal. Only a later period or a refund it knows of moves the subscription.
        if (known.isPresent() && purchase.endedAt() == null && !purchase.paidUntil().isAfter(known.get().paidUntil())) return known.get();
        return subscriptions.redeem(accountId, purchase);
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
