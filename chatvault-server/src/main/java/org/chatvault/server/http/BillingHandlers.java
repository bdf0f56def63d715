package org.chatvault.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.Period;
import java.util.Locale;
import org.chatvault.protocol.billing.DirectReceipt;
import org.chatvault.protocol.billing.EntitlementInfo;
import org.chatvault.protocol.billing.PlanCatalog;
import org.chatvault.protocol.billing.PlanInfo;
import org.chatvault.protocol.billing.PriceInfo;
import org.chatvault.protocol.billing.SubscriptionHistoryEntry;
import org.chatvault.protocol.billing.SubscriptionInfo;
import org.chatvault.protocol.billing.SubscriptionOverview;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Catalog;
import org.chatvault.server.billing.Entitlement;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.PurchaseVerifier;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionService;

/**
 * {@code /v1/plans}, {@code /v1/subscription} and {@code /v1/subscription/direct}.
 *
 * @param directReceipts null when the operator accepts no direct receipts
 */
record BillingHandlers(SubscriptionService subscriptions, EntitlementService entitlements, PurchaseVerifier directReceipts,
                       RequestBodies bodies) {
    /** The history lines an overview carries, newest first. */
    static final int HISTORY_LINES = 100;

    void plans(Context ctx) {
        Catalog c = entitlements.catalogs().current();
        ctx.json(new PlanCatalog(c.version(),
                c.plans().stream().map(p -> new PlanInfo(p.id(), p.name(), p.media(), retention(p), p.quotaBytes())).toList(),
                c.prices().stream().map(p -> new PriceInfo(p.planId(), p.provider().wireName(), p.productId(),
                        p.period().name().toLowerCase(Locale.ROOT), p.amountMinor(), p.currency())).toList()));
    }

    void subscription(Context ctx) {
        ctx.json(overview(AuthFilter.principal(ctx).accountId()));
    }

    void redeemDirect(Context ctx) {
        DirectReceipt body = bodies.json(ctx, DirectReceipt.class, RequestBodies.JSON_LIMIT);
        if (directReceipts == null) throw new BillingException.NotConfigured(Provider.DIRECT);
        String account = AuthFilter.principal(ctx).accountId();
        subscriptions.redeem(account, directReceipts.verify(account, body.receipt()));
        ctx.json(overview(account));
    }

    /** What the account has now: for {@code GET /v1/subscription} and the answer to a redeemed purchase. */
    SubscriptionOverview overview(String accountId) {
        Entitlement e = entitlements.current(accountId);
        return new SubscriptionOverview(
                new EntitlementInfo(e.plan().id(), e.plan().name(), e.state().name().toLowerCase(Locale.ROOT), e.mediaAllowed(), retention(e.plan()),
                        e.quotaBytes(), millis(e.paidUntil()), millis(e.storeGraceUntil()), millis(e.readOnlyUntil()), millis(e.cutOn())),
                subscriptions.subscriptions(accountId).stream().map(BillingHandlers::info).toList(),
                subscriptions.history(accountId, HISTORY_LINES).stream().map(BillingHandlers::line).toList());
    }

    private static SubscriptionInfo info(Subscription s) {
        return new SubscriptionInfo(s.id(), s.provider().wireName(), s.productId(), s.planId(), s.status().name().toLowerCase(Locale.ROOT),
                s.startedAt().toEpochMilli(), s.paidUntil().toEpochMilli(), millis(s.storeGraceUntil()), millis(s.endedAt()));
    }

    private static SubscriptionHistoryEntry line(SubscriptionEvent e) {
        return new SubscriptionHistoryEntry(e.subscriptionId(), e.type().name().toLowerCase(Locale.ROOT), e.at().toEpochMilli(),
                e.receivedAt().toEpochMilli(), e.detail());
    }

    private static String retention(Plan p) {
        Period r = p.retention();
        return r == null ? null : r.toString();
    }

    private static Long millis(Instant t) { return t == null ? null : t.toEpochMilli(); }
}
