package org.chatvault.server.http;

import io.javalin.http.Context;
import java.util.Locale;
import org.chatvault.protocol.billing.google.GooglePurchase;
import org.chatvault.protocol.billing.google.GoogleRedemption;
import org.chatvault.protocol.billing.google.PubSubPush;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.google.GooglePlayBilling;

/**
 * {@code POST /v1/subscription/google} and {@code POST /v1/billing/google/notifications}.
 *
 * @param play null when the operator did not configure Google Play: both routes answer 501
 */
record GooglePlayHandlers(GooglePlayBilling play, RequestBodies bodies) {
    void redeem(Context ctx) {
        GooglePlayBilling g = configured();
        GooglePurchase body = bodies.json(ctx, GooglePurchase.class, RequestBodies.JSON_LIMIT);
        if (body.purchaseToken() == null) throw RequestBodies.required("purchaseToken");
        Subscription s = g.redeem(AuthFilter.principal(ctx).accountId(), body.purchaseToken(), body.productId());
        ctx.json(new GoogleRedemption(s.id(), s.productId(), s.planId(), s.status().name().toLowerCase(Locale.ROOT),
                s.startedAt().toEpochMilli(), s.paidUntil().toEpochMilli(), s.storeGraceUntil() == null ? null : s.storeGraceUntil().toEpochMilli()));
    }

    /**
     * Pub/Sub counts any 2xx as delivered and retries everything else with backoff: a push is authenticated before its
     * body is read, and answered 200 once applied or found harmless.
     */
    void notification(Context ctx) {
        GooglePlayBilling g = configured();
        g.authenticatePush(ctx.header("Authorization"));
        PubSubPush push = bodies.json(ctx, PubSubPush.class, RequestBodies.JSON_LIMIT);
        if (push.message() == null) throw RequestBodies.required("message");
        g.onNotification(push.message().data());
        ctx.status(200);
    }

    private GooglePlayBilling configured() {
        if (play == null) throw new BillingException.NotConfigured(Provider.GOOGLE);
        return play;
    }
}
