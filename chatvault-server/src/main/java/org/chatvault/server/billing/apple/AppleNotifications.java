package org.chatvault.server.billing.apple;

import com.apple.itunes.storekit.model.Data;
import com.apple.itunes.storekit.model.JWSRenewalInfoDecodedPayload;
import com.apple.itunes.storekit.model.JWSTransactionDecodedPayload;
import com.apple.itunes.storekit.model.ResponseBodyV2DecodedPayload;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.StoreEvent;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.SubscriptionStore;
import org.chatvault.server.billing.VerifiedPurchase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes in App Store Server Notifications V2. The body is trusted only after Apple's verifier checked the
 * notification and, separately, its signed transaction and renewal info; then it is applied once: a
 * notification seen before, one older than the newest taken in for its chain, or one that would change
 * nothing is answered as taken in without touching the subscription, so Apple's re-deliveries are harmless.
 */
final class AppleNotifications {
    private static final Logger log = LoggerFactory.getLogger(AppleNotifications.class);

    private final AppleSignedData signed;
    private final SubscriptionService subscriptions;
    private final SubscriptionStore store;
    private final AppleNotificationLog taken;
    private final Clock clock;

    AppleNotifications(AppleSignedData signed, SubscriptionService subscriptions, SubscriptionStore store, AppleNotificationLog taken, Clock clock) {
        this.signed = signed;
        this.subscriptions = subscriptions;
        this.store = store;
        this.taken = taken;
        this.clock = clock;
    }

    /**
     * @throws BillingException.InvalidPurchase if the notification or anything signed inside it does not verify
     * @throws BillingException.UnknownProduct if it moves a subscription to a product no catalog sells (Apple retries
     *         until the operator adds it)
     */
    AppleNotificationOutcome take(String signedPayload) {
        ResponseBodyV2DecodedPayload n = signed.notification(signedPayload);
        String uuid = n.getNotificationUUID();
        if (uuid == null || uuid.isEmpty()) throw new BillingException.InvalidPurchase("the notification carries no notificationUUID");
        Instant now = clock.instant();
        Instant signedAt = n.getSignedDate() == null ? now : Instant.ofEpochMilli(n.getSignedDate());
        if (taken.seen(uuid)) return AppleNotificationOutcome.DUPLICATE;

        Data data = n.getData();
        if (data == null || data.getSignedTransactionInfo() == null) {
            // TEST notifications, summaries of renewal extensions, external purchase tokens: nothing of a subscription.
            taken.record(uuid, null, signedAt, now);
            return AppleNotificationOutcome.IGNORED;
        }
        JWSTransactionDecodedPayload t = signed.transaction(data.getSignedTransactionInfo());
        JWSRenewalInfoDecodedPayload renewal = data.getSignedRenewalInfo() == null ? null : signed.renewalInfo(data.getSignedRenewalInfo());
        if (renewal != null && renewal.getOriginalTransactionId() != null && !renewal.getOriginalTransactionId().equals(t.getOriginalTransactionId()))
            throw new BillingException.InvalidPurchase("the notification's renewal info is about another purchase than its transaction");
        String chain = t.getOriginalTransactionId();
        Optional<StoreEvent> event = AppleNotificationEvents.of(n, t, renewal, signedAt);
        AppleNotificationOutcome outcome;
        if (event.isEmpty()) {
            outcome = AppleNotificationOutcome.IGNORED;
        } else if (taken.newestSigned(chain).filter(newest -> newest.isAfter(signedAt)).isPresent()) {
            // Apple does not promise order; a late one describes a state a newer one already replaced.
            outcome = AppleNotificationOutcome.STALE;
        } else if (alreadyIn(event.get().state())) {
            outcome = AppleNotificationOutcome.UNCHANGED;
        } else {
            outcome = subscriptions.apply(event.get()).isPresent() ? AppleNotificationOutcome.APPLIED : AppleNotificationOutcome.IGNORED;
        }
        // Only what describes the chain's state orders later ones: an ignored type signed later must not make a renewal stale.
        boolean describesState = outcome == AppleNotificationOutcome.APPLIED || outcome == AppleNotificationOutcome.UNCHANGED;
        taken.record(uuid, describesState ? chain : null, signedAt, now);
        log.info("App Store notification {} {}{} for purchase {}: {}", uuid, n.getRawNotificationType(),
                n.getRawSubtype() == null ? "" : "/" + n.getRawSubtype(), chain, outcome.wireName());
        return outcome;
    }

    /** The subscription already stands as {@code state} says, so applying it would only repeat a history line. */
    private boolean alreadyIn(VerifiedPurchase state) {
        Optional<Subscription> known = store.find(Provider.APPLE, state.providerId());
        if (known.isEmpty()) return false;
        Subscription s = known.get();
        return s.status() == state.status() && s.productId().equals(state.productId()) && s.paidUntil().equals(state.paidUntil())
                && Objects.equals(s.storeGraceUntil(), state.storeGraceUntil()) && Objects.equals(s.endedAt(), state.endedAt());
    }
}
