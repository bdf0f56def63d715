package org.chatvault.server.billing.google;

import com.google.api.services.androidpublisher.model.SubscriptionPurchaseLineItem;
import com.google.api.services.androidpublisher.model.SubscriptionPurchaseV2;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;

/**
 * Play's {@code SubscriptionPurchaseV2} onto the model. Pure. The purchase token is the chain's provider id; the
 * account link is {@code externalAccountIdentifiers.obfuscatedExternalAccountId}, which the app sets to the account id
 * when it starts the purchase ({@code BillingFlowParams.setObfuscatedAccountId}).
 */
final class PlayPurchaseMapping {
    static final String ACKNOWLEDGED = "ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED";

    private PlayPurchaseMapping() {}

    /**
     * @param productId the product the app says it bought, or null: the line item of that product is used (else the
     *                  one that runs longest)
     * @throws BillingException.InvalidPurchase if the purchase grants nothing yet (pending payment), is not of
     *         {@code productId}, or lacks what every granted purchase has
     */
    static PlayPurchase map(String purchaseToken, SubscriptionPurchaseV2 p, String productId) {
        SubscriptionStatus status = status(p.getSubscriptionState());
        SubscriptionPurchaseLineItem item = lineItem(p.getLineItems(), productId);
        Instant startedAt = time(p.getStartTime(), "startTime");
        Instant expiry = time(item.getExpiryTime(), "expiryTime");
        String accountId = p.getExternalAccountIdentifiers() == null ? null : blankToNull(p.getExternalAccountIdentifiers().getObfuscatedExternalAccountId());
        VerifiedPurchase purchase = new VerifiedPurchase(Provider.GOOGLE, purchaseToken, accountId, item.getProductId(), status, startedAt, expiry,
                status == SubscriptionStatus.STORE_GRACE ? expiry : null, null);
        return new PlayPurchase(purchase, ACKNOWLEDGED.equals(p.getAcknowledgementState()), blankToNull(p.getLinkedPurchaseToken()));
    }

    /** Play's {@code subscriptionState}; the states that grant nothing yet are refused. */
    static SubscriptionStatus status(String state) {
        return switch (state == null ? "" : state) {
            case "SUBSCRIPTION_STATE_ACTIVE" -> SubscriptionStatus.ACTIVE;
            case "SUBSCRIPTION_STATE_CANCELED" -> SubscriptionStatus.CANCELED;
            case "SUBSCRIPTION_STATE_IN_GRACE_PERIOD" -> SubscriptionStatus.STORE_GRACE;
            case "SUBSCRIPTION_STATE_ON_HOLD" -> SubscriptionStatus.ON_HOLD;
            // Paused by the user: no access until it resumes, like a hold.
            case "SUBSCRIPTION_STATE_PAUSED" -> SubscriptionStatus.ON_HOLD;
            case "SUBSCRIPTION_STATE_EXPIRED" -> SubscriptionStatus.EXPIRED;
            case "SUBSCRIPTION_STATE_PENDING" ->
                    throw new BillingException.InvalidPurchase("the payment for this purchase is still pending; send it again once Google Play confirms it");
            case "SUBSCRIPTION_STATE_PENDING_PURCHASE_CANCELED" ->
                    throw new BillingException.InvalidPurchase("this purchase was canceled before its payment went through");
            default -> throw new BillingException.InvalidPurchase("Google Play reports this purchase in no known state");
        };
    }

    private static SubscriptionPurchaseLineItem lineItem(List<SubscriptionPurchaseLineItem> items, String productId) {
        if (items == null || items.isEmpty()) throw new BillingException.InvalidPurchase("Google Play reports no product for this purchase");
        if (productId != null)
            return items.stream().filter(i -> productId.equals(i.getProductId())).findFirst()
                    .orElseThrow(() -> new BillingException.InvalidPurchase("this purchase is not of product '" + productId + "'"));
        return items.stream().filter(i -> i.getProductId() != null && i.getExpiryTime() != null)
                .max(Comparator.comparing(i -> time(i.getExpiryTime(), "expiryTime")))
                .orElseThrow(() -> new BillingException.InvalidPurchase("Google Play reports no product with an expiry for this purchase"));
    }

    private static Instant time(String rfc3339, String field) {
        if (rfc3339 == null) throw new BillingException.InvalidPurchase("Google Play's answer lacks " + field);
        try {
            return Instant.parse(rfc3339);
        } catch (DateTimeParseException e) {
            throw new BillingException.InvalidPurchase("Google Play's answer has an unreadable " + field);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
