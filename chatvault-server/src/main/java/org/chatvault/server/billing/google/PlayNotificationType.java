package org.chatvault.server.billing.google;

import java.util.Optional;
import org.chatvault.server.billing.SubscriptionEventType;

/**
 * Play's {@code subscriptionNotification.notificationType} codes and the history line each becomes. A notification
 * only says that something changed; the state itself is read again from Play. Codes about prices, pause schedules
 * and installments change nothing the server keeps and are answered and ignored ({@link #of} is empty for them).
 */
enum PlayNotificationType {
    RECOVERED(1, SubscriptionEventType.RENEWED, "payment recovered"),
    RENEWED(2, SubscriptionEventType.RENEWED, "renewed"),
    CANCELED(3, SubscriptionEventType.RENEWAL_CANCELED, "renewal canceled"),
    PURCHASED(4, SubscriptionEventType.REDEEMED, "purchase confirmed by Google Play"),
    ON_HOLD(5, SubscriptionEventType.ON_HOLD, "on hold: the renewal payment failed"),
    IN_GRACE_PERIOD(6, SubscriptionEventType.STORE_GRACE_STARTED, "renewal payment failed; Google Play's grace period began"),
    RESTARTED(7, SubscriptionEventType.RENEWAL_RESUMED, "renewal turned on again"),
    DEFERRED(9, SubscriptionEventType.RENEWED, "renewal deferred by the seller"),
    PAUSED(10, SubscriptionEventType.ON_HOLD, "paused"),
    REVOKED(12, SubscriptionEventType.REVOKED, "revoked by Google Play"),
    EXPIRED(13, SubscriptionEventType.EXPIRED, "expired"),
    ITEMS_CHANGED(17, SubscriptionEventType.PRODUCT_CHANGED, "plan changed");

    private final int code;
    private final SubscriptionEventType event;
    private final String detail;

    PlayNotificationType(int code, SubscriptionEventType event, String detail) {
        this.code = code;
        this.event = event;
        this.detail = detail;
    }

    SubscriptionEventType event() { return event; }

    /** Words for the user's history. */
    String detail() { return detail; }

    static Optional<PlayNotificationType> of(int code) {
        for (PlayNotificationType t : values()) if (t.code == code) return Optional.of(t);
        return Optional.empty();
    }
}
