package org.chatvault.server.billing.apple;

import com.apple.itunes.storekit.model.AutoRenewStatus;
import com.apple.itunes.storekit.model.InAppOwnershipType;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import java.time.Instant;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;

/** Apple's decoded transactions as the model's {@link VerifiedPurchase}: the original transaction id names the chain. */
final class AppleTransactions {
    private AppleTransactions() {}

    /**
     * The chain as one transaction shows it at {@code now}: refunded or revoked if Apple says so, else paid
     * until its expiry, expired past it, and canceled if its renewal info says renewal is off.
     *
     * @param renewal the chain's renewal info, or null when none came with the transaction
     * @throws BillingException.InvalidPurchase if it is not an auto-renewable subscription
     */
    static VerifiedPurchase purchase(JWSTransactionDecodedPayload t, JWSRenewalInfoDecodedPayload renewal, Instant now) {
        Instant revoked = instant(t.getRevocationDate());
        SubscriptionStatus status;
        if (revoked != null) status = isFamilyShared(t) ? SubscriptionStatus.REVOKED : SubscriptionStatus.REFUNDED;
        else if (!paidUntil(t).isAfter(now)) status = SubscriptionStatus.EXPIRED;
        else status = renewalOff(renewal) ? SubscriptionStatus.CANCELED : SubscriptionStatus.ACTIVE;
        return with(t, status, null, revoked);
    }

    /** The chain as {@code t} shows it, in {@code status}, with the store's grace and end as given. */
    static VerifiedPurchase with(JWSTransactionDecodedPayload t, SubscriptionStatus status, Instant storeGraceUntil, Instant endedAt) {
        if (t.getOriginalTransactionId() == null || t.getProductId() == null)
            throw new BillingException.InvalidPurchase("the signed transaction names no original transaction or product");
        Instant started = instant(t.getOriginalPurchaseDate() != null ? t.getOriginalPurchaseDate() : t.getPurchaseDate());
        if (started == null) throw new BillingException.InvalidPurchase("the signed transaction carries no purchase date");
        return new VerifiedPurchase(Provider.APPLE, t.getOriginalTransactionId(), AppAccountToken.accountOf(t.getAppAccountToken()),
                t.getProductId(), status, started, paidUntil(t), storeGraceUntil, endedAt);
    }

    /** The end of the period the transaction paid for. */
    static Instant paidUntil(JWSTransactionDecodedPayload t) {
        if (t.getExpiresDate() == null)
            throw new BillingException.InvalidPurchase("the transaction is not an auto-renewable subscription (it has no expiry date)");
        return Instant.ofEpochMilli(t.getExpiresDate());
    }

    static boolean renewalOff(JWSRenewalInfoDecodedPayload renewal) {
        return renewal != null && renewal.getAutoRenewStatus() == AutoRenewStatus.OFF;
    }

    /** A family member's access, which Apple revokes when the purchaser stops sharing (rather than refunds). */
    static boolean isFamilyShared(JWSTransactionDecodedPayload t) {
        return t.getInAppOwnershipType() == InAppOwnershipType.FAMILY_SHARED;
    }

    static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
