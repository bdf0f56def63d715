package org.chatvault.server.billing.apple;

import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.NotificationTypeV2;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import com.apple.itunes.storekit.model.Subtype;
import java.time.Instant;
import java.util.Optional;
import org.chatvault.server.billing.StoreEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * App Store Server Notifications V2 as the model's {@link StoreEvent}s: what happened and the chain's
 * state afterwards, from the notification's type and subtype, its signed transaction and renewal info.
 * Types that change no entitlement (price increase consent, consumption requests, offer redemptions,
 * a renewal preference that takes effect at the next renewal) map to nothing.
 */
final class AppleNotificationEvents {
    private AppleNotificationEvents() {}

    /**
     * @param renewal the notification's renewal info; null when it carries none
     * @param signedAt when Apple signed the notification: the time of events that carry no better one
     */
    static Optional<StoreEvent> of(ResponseBodyV2DecodedPayload n, JWSTransactionDecodedPayload t, JWSRenewalInfoDecodedPayload renewal,
                                   Instant signedAt) {
        NotificationTypeV2 type = n.getNotificationType();
        Subtype subtype = n.getSubtype();
        if (type == null) return Optional.empty();
        Instant purchased = t.getPurchaseDate() == null ? signedAt : Instant.ofEpochMilli(t.getPurchaseDate());
        Instant revoked = t.getRevocationDate() == null ? signedAt : Instant.ofEpochMilli(t.getRevocationDate());
        StoreEvent event = switch (type) {
            case SUBSCRIBED -> event(subtype == Subtype.RESUBSCRIBE ? SubscriptionEventType.RENEWED : SubscriptionEventType.REDEEMED,
                    paid(t, renewal), purchased, subtype == Subtype.RESUBSCRIBE ? "subscribed again at the App Store" : "bought at the App Store");
            case DID_RENEW -> event(SubscriptionEventType.RENEWED, paid(t, renewal), purchased,
                    subtype == Subtype.BILLING_RECOVERY ? "renewed after a failed payment" : "renewed by the App Store");
            case RENEWAL_EXTENDED -> event(SubscriptionEventType.RENEWED, paid(t, renewal), signedAt, "extended by the App Store");
            case DID_CHANGE_RENEWAL_STATUS -> subtype == Subtype.AUTO_RENEW_DISABLED
                    ? event(SubscriptionEventType.RENEWAL_CANCELED, AppleTransactions.with(t, SubscriptionStatus.CANCELED, null, null), signedAt,
                            "renewal turned off; paid until the end of the period")
                    : event(SubscriptionEventType.RENEWAL_RESUMED, AppleTransactions.with(t, SubscriptionStatus.ACTIVE, null, null), signedAt,
                            "renewal turned on again");
            case DID_FAIL_TO_RENEW -> subtype == Subtype.GRACE_PERIOD && renewal != null && renewal.getGracePeriodExpiresDate() != null
                    ? event(SubscriptionEventType.STORE_GRACE_STARTED, AppleTransactions.with(t, SubscriptionStatus.STORE_GRACE,
                            Instant.ofEpochMilli(renewal.getGracePeriodExpiresDate()), null), signedAt,
                            "a renewal payment failed; the App Store keeps access while it retries")
                    : event(SubscriptionEventType.ON_HOLD, AppleTransactions.with(t, SubscriptionStatus.ON_HOLD, null, null), signedAt,
                            "a renewal payment failed; the App Store retries");
            case GRACE_PERIOD_EXPIRED -> event(SubscriptionEventType.STORE_GRACE_EXPIRED,
                    AppleTransactions.with(t, SubscriptionStatus.ON_HOLD, null, null), signedAt,
                    "the App Store's billing grace ended without a payment");
            case EXPIRED -> event(SubscriptionEventType.EXPIRED, AppleTransactions.with(t, SubscriptionStatus.EXPIRED, null, null), signedAt,
                    expiry(subtype));
            case REFUND -> event(SubscriptionEventType.REFUNDED, AppleTransactions.with(t, SubscriptionStatus.REFUNDED, null, revoked), revoked,
                    "refunded by Apple");
            case REVOKE -> event(SubscriptionEventType.REVOKED, AppleTransactions.with(t, SubscriptionStatus.REVOKED, null, revoked), revoked,
                    "family sharing of the purchase ended");
            case REFUND_REVERSED -> event(SubscriptionEventType.REFUND_REVERSED, paid(t, renewal), signedAt, "Apple reversed the refund");
            case DID_CHANGE_RENEWAL_PREF -> subtype == Subtype.UPGRADE
                    ? event(SubscriptionEventType.PRODUCT_CHANGED, paid(t, renewal), purchased, "upgraded at the App Store")
                    : null; // a downgrade or a return to the same product takes effect at the next renewal, which DID_RENEW reports
            default -> null;
        };
        return Optional.ofNullable(event);
    }

    /** Paid by this transaction: until its expiry, renewing unless the renewal info says renewal is off. */
    private static VerifiedPurchase paid(JWSTransactionDecodedPayload t, JWSRenewalInfoDecodedPayload renewal) {
        return AppleTransactions.with(t, AppleTransactions.renewalOff(renewal) ? SubscriptionStatus.CANCELED : SubscriptionStatus.ACTIVE, null, null);
    }

    private static StoreEvent event(SubscriptionEventType type, VerifiedPurchase state, Instant at, String detail) {
        return new StoreEvent(type, state, at, detail);
    }

    private static String expiry(Subtype subtype) {
        if (subtype == null) return "expired";
        return switch (subtype) {
            case VOLUNTARY -> "expired after renewal was turned off";
            case BILLING_RETRY -> "expired: the App Store could not collect the payment";
            case PRICE_INCREASE -> "expired: the price increase was not accepted";
            case PRODUCT_NOT_FOR_SALE -> "expired: the product is no longer sold";
            default -> "expired";
        };
    }
}
