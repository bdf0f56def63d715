package org.chatvault.server.http;

import io.javalin.http.Context;
import java.util.Locale;
import org.chatvault.protocol.billing.AppleNotificationTaken;
import org.chatvault.protocol.billing.AppleRedeemed;
import org.chatvault.protocol.billing.AppleRedemption;
import org.chatvault.protocol.billing.AppleServerNotification;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.apple.AppleBilling;

/** {@code /v1/subscription/apple} and {@code /v1/billing/apple/notifications}. */
record AppleHandlers(AppleBilling apple, RequestBodies bodies) {
    void redeem(Context ctx) {
        AppleRedemption body = bodies.json(ctx, AppleRedemption.class, RequestBodies.JSON_LIMIT);
        if (body.signedTransaction() == null) throw RequestBodies.required("signedTransaction");
        Subscription s = apple.redeem(AuthFilter.principal(ctx).accountId(), body.signedTransaction());
        ctx.json(new AppleRedeemed(s.id(), s.planId(), s.productId(), s.status().name().toLowerCase(Locale.ROOT), s.startedAt().toEpochMilli(),
                s.paidUntil().toEpochMilli(), s.storeGraceUntil() == null ? null : s.storeGraceUntil().toEpochMilli(),
                s.endedAt() == null ? null : s.endedAt().toEpochMilli()));
    }

    /** Public: the body is signed by Apple, and nothing in it is believed before the signature is checked. */
    void notification(Context ctx) {
        AppleServerNotification body = bodies.json(ctx, AppleServerNotification.class, RequestBodies.JSON_LIMIT);
        if (body.signedPayload() == null) throw RequestBodies.required("signedPayload");
        ctx.json(new AppleNotificationTaken(apple.notification(body.signedPayload()).wireName()));
    }
}
