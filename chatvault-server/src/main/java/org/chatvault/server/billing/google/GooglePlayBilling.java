package org.chatvault.server.billing.google;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.GooglePlaySettings;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.StoreEvent;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.SubscriptionStore;
import org.chatvault.server.billing.VerifiedPurchase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Google Play purchases: the app's redemption of a purchase token, and Real-time Developer Notifications pushed by
 * Cloud Pub/Sub. Both read the chain's state from Play ({@link GooglePurchaseVerifier}) and hand it to
 * {@link SubscriptionService}; a purchase that replaces another ({@code linkedPurchaseToken}) ends the old chain
 * where the new one starts; a purchase not yet acknowledged is acknowledged once it is linked to an account.
 */
public final class GooglePlayBilling {
    private static final Logger log = LoggerFactory.getLogger(GooglePlayBilling.class);
    /** Play's {@code productType} of a voided subscription purchase (2 is a one-time product, which is not sold here). */
    private static final int SUBSCRIPTION_PRODUCT = 1;

    private final String packageName;
    private final PlaySubscriptions play;
    private final GooglePurchaseVerifier verifier;
    private final PushAuthenticator pushes;
    private final SubscriptionService subscriptions;
    private final SubscriptionStore store;
    private final Clock clock;
    private final ObjectMapper json = JsonMapper.builder().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).build();

    public GooglePlayBilling(String packageName, PlaySubscriptions play, PushAuthenticator pushes, SubscriptionService subscriptions,
                             SubscriptionStore store, Clock clock) {
        this.packageName = packageName;
        this.play = play;
        this.verifier = new GooglePurchaseVerifier(play);
        this.pushes = pushes;
        this.subscriptions = subscriptions;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Against Google: the official Play Developer API client and Google's push token verifier.
     *
     * @throws PlaySetupException if the service account key cannot be used
     */
    public static GooglePlayBilling create(GooglePlaySettings settings, SubscriptionService subscriptions, SubscriptionStore store, Clock clock) {
        return new GooglePlayBilling(settings.packageName(), AndroidPublisherSubscriptions.open(settings),
                new GoogleIdTokenAuthenticator(settings, clock), subscriptions, store, clock);
    }

    /**
     * Links the purchase behind {@code purchaseToken} to {@code accountId} (or brings it up to date when this account
     * sent it before), then acknowledges it if Play still waits for that.
     *
     * @throws BillingException.InvalidPurchase if Play does not know the token, the payment is pending, the product is
     *         not {@code productId}, or the purchase was made for another account
     * @throws BillingException.AlreadyRedeemed if another account redeemed it
     * @throws BillingException.UnknownProduct if the catalog does not sell its product
     * @throws BillingException.ProviderUnavailable if Play could not be asked
     */
    public Subscription redeem(String accountId, String purchaseToken, String productId) {
        PlayPurchase p = verifier.read(accountId, purchaseToken, productId);
        Subscription s = subscriptions.redeem(accountId, reconcile(p.purchase(), store.find(Provider.GOOGLE, purchaseToken)));
        endReplaced(p, s.accountId());
        acknowledge(p, s);
        return s;
    }

    /** @throws PushRejected unless the push carries the configured push identity's token */
    public void authenticatePush(String authorization) {
        pushes.authenticate(authorization);
    }

    /**
     * Applies one Real-time Developer Notification (the base64 {@code data} of an authenticated push). Test
     * notifications, other apps' notifications, one-time products and purchases Play no longer reports change nothing.
     *
     * @throws BillingException.InvalidPurchase if {@code data} is not a developer notification
     * @throws BillingException.UnknownProduct if the purchase is of a product no catalog sells (Pub/Sub retries it)
     * @throws BillingException.ProviderUnavailable if Play could not be asked (Pub/Sub retries it)
     */
    public void onNotification(String data) {
        DeveloperNotification n = parse(data);
        if (!packageName.equals(n.packageName())) {
            log.warn("ignored a Google Play notification for another app's package; check the Pub/Sub topic set in the Play Console");
            return;
        }
        Instant at = eventTime(n);
        if (n.testNotification() != null) {
            log.info("Google Play test notification received");
        } else if (n.subscriptionNotification() != null) {
            onSubscription(n.subscriptionNotification(), at);
        } else if (n.voidedPurchaseNotification() != null) {
            onVoided(n.voidedPurchaseNotification(), at);
        }
    }

    private void onSubscription(DeveloperNotification.SubscriptionNotification sn, Instant at) {
        Optional<PlayNotificationType> type = sn.notificationType() == null ? Optional.empty() : PlayNotificationType.of(sn.notificationType());
        if (type.isEmpty()) return;
        Optional<PlayPurchase> read = readForNotification(sn.purchaseToken(), type.get().name());
        if (read.isEmpty()) return;
        PlayPurchase p = read.get();
        Optional<Subscription> known = store.find(Provider.GOOGLE, p.purchase().providerId());
        VerifiedPurchase state = reconcile(p.purchase(), known);
        if (type.get() == PlayNotificationType.REVOKED) state = ended(state, SubscriptionStatus.REVOKED, at);
        // Pub/Sub delivers at least once, and PURCHASED follows the app's own redemption: what changes nothing adds no history.
        Optional<Subscription> s = known.isPresent() && sameState(known.get(), state) ? known
                : subscriptions.apply(new StoreEvent(type.get().event(), state, at, type.get().detail()));
        if (s.isEmpty()) {
            log.info("Google Play {} notification for a purchase linked to no account; it is recorded when the app redeems it", type.get());
            return;
        }
        endReplaced(p, s.get().accountId());
        acknowledge(p, s.get());
    }

    /** A refund or chargeback: the entitlement ends at the event's time. */
    private void onVoided(DeveloperNotification.VoidedPurchaseNotification v, Instant at) {
        if (v.productType() != null && v.productType() != SUBSCRIPTION_PRODUCT) return;
        GooglePurchaseVerifier.checkToken(v.purchaseToken());
        Optional<Subscription> known = store.find(Provider.GOOGLE, v.purchaseToken());
        VerifiedPurchase state;
        if (known.isPresent()) {
            Subscription s = known.get();
            if (s.status() == SubscriptionStatus.REFUNDED) return; // delivered again
            state = new VerifiedPurchase(Provider.GOOGLE, s.providerId(), s.accountId(), s.productId(), SubscriptionStatus.REFUNDED, s.startedAt(),
                    s.paidUntil(), null, at);
        } else {
            // Not redeemed yet: recorded as refunded for the account Play names, so the token can never be redeemed.
            Optional<PlayPurchase> read = readForNotification(v.purchaseToken(), "voided purchase");
            if (read.isEmpty()) return;
            state = ended(read.get().purchase(), SubscriptionStatus.REFUNDED, at);
        }
        subscriptions.apply(new StoreEvent(SubscriptionEventType.REFUNDED, state, at, "refunded or charged back (voided by Google Play)"));
    }

    private Optional<PlayPurchase> readForNotification(String token, String what) {
        try {
            return Optional.of(verifier.read(token, null));
        } catch (BillingException.InvalidPurchase e) {
            // Retrying cannot make Play know it again; the push is answered and dropped.
            log.warn("Google Play {} notification ignored: {}", what, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Play's state, reconciled with what the server already knows of the chain: a refund or revocation stands (Play
     * has no way to reverse it, and reports such a chain as merely expired afterwards); during Play's grace period its
     * expiry is the end of the grace, not of the paid period, so the paid-until already known is kept and the history
     * does not claim a payment that failed.
     */
    private static VerifiedPurchase reconcile(VerifiedPurchase p, Optional<Subscription> known) {
        if (known.isEmpty()) return p;
        Subscription k = known.get();
        if (k.status() == SubscriptionStatus.REFUNDED || k.status() == SubscriptionStatus.REVOKED)
            return new VerifiedPurchase(p.provider(), p.providerId(), p.accountId(), p.productId(), k.status(), p.startedAt(), p.paidUntil(), null,
                    k.endedAt());
        if (p.status() == SubscriptionStatus.STORE_GRACE && k.paidUntil().isBefore(p.paidUntil()))
            return new VerifiedPurchase(p.provider(), p.providerId(), p.accountId(), p.productId(), p.status(), p.startedAt(), k.paidUntil(),
                    p.storeGraceUntil(), p.endedAt());
        return p;
    }

    /** An upgrade, downgrade or re-subscription replaces the old chain: its entitlement ends where the new one starts. */
    private void endReplaced(PlayPurchase p, String accountId) {
        String oldToken = p.linkedPurchaseToken();
        if (oldToken == null) return;
        Optional<Subscription> old = store.find(Provider.GOOGLE, oldToken);
        if (old.isEmpty() || !old.get().accountId().equals(accountId)) return;
        Subscription s = old.get();
        Instant cut = p.purchase().startedAt();
        boolean ended = s.status() == SubscriptionStatus.EXPIRED || s.status() == SubscriptionStatus.REFUNDED || s.status() == SubscriptionStatus.REVOKED;
        if (ended && !s.paidUntil().isAfter(cut)) return;
        if (s.status() == SubscriptionStatus.REFUNDED || s.status() == SubscriptionStatus.REVOKED) return;
        Instant paidUntil = s.paidUntil().isAfter(cut) ? cut : s.paidUntil();
        VerifiedPurchase replaced = new VerifiedPurchase(Provider.GOOGLE, s.providerId(), s.accountId(), s.productId(), SubscriptionStatus.EXPIRED,
                s.startedAt(), paidUntil, null, null);
        subscriptions.apply(new StoreEvent(SubscriptionEventType.PRODUCT_CHANGED, replaced, cut, "replaced by a new Google Play purchase"));
    }

    private void acknowledge(PlayPurchase p, Subscription s) {
        if (p.acknowledged()) return;
        SubscriptionStatus st = p.purchase().status();
        if (st != SubscriptionStatus.ACTIVE && st != SubscriptionStatus.CANCELED && st != SubscriptionStatus.STORE_GRACE) return;
        try {
            play.acknowledge(p.purchase().productId(), p.purchase().providerId());
        } catch (BillingException e) {
            // The purchase stands; the next notification or redemption of it tries again, well within Play's three days.
            log.warn("could not acknowledge the Google Play purchase of subscription {}: {}", s.id(), e.getMessage());
        }
    }

    private static boolean sameState(Subscription s, VerifiedPurchase p) {
        return s.status() == p.status() && s.productId().equals(p.productId()) && s.paidUntil().equals(p.paidUntil())
                && Objects.equals(s.storeGraceUntil(), p.storeGraceUntil()) && Objects.equals(s.endedAt(), p.endedAt());
    }

    private static VerifiedPurchase ended(VerifiedPurchase p, SubscriptionStatus status, Instant at) {
        return new VerifiedPurchase(p.provider(), p.providerId(), p.accountId(), p.productId(), status, p.startedAt(), p.paidUntil(), null, at);
    }

    private DeveloperNotification parse(String data) {
        if (data == null || data.isEmpty()) throw new BillingException.InvalidPurchase("the push carries no message data");
        DeveloperNotification n;
        try {
            n = json.readValue(Base64.getDecoder().decode(data), DeveloperNotification.class);
        } catch (IllegalArgumentException | IOException e) {
            throw new BillingException.InvalidPurchase("the push message is not a Google Play developer notification");
        }
        if (n == null) throw new BillingException.InvalidPurchase("the push message is not a Google Play developer notification");
        return n;
    }

    private Instant eventTime(DeveloperNotification n) {
        if (n.eventTimeMillis() == null) return clock.instant();
        try {
            return Instant.ofEpochMilli(Long.parseLong(n.eventTimeMillis()));
        } catch (NumberFormatException e) {
            throw new BillingException.InvalidPurchase("the notification's eventTimeMillis is not a number");
        }
    }
}
