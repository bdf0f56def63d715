package org.chatvault.server.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.SubscriptionStore;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link SubscriptionStore} in SQL both databases speak: the unique key on (provider, provider id) redeems once. */
public final class SqlSubscriptionStore implements SubscriptionStore {
    private static final String COLUMNS = "subscription_id, account_id, provider, provider_id, catalog_version, product_id, plan_id, status, "
            + "started_at, paid_until, store_grace_until, ended_at, updated_at, previous_plan_id, plan_changed_at";

    private final SqlDatabase db;

    public SqlSubscriptionStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public Redeemed redeem(Subscription s, SubscriptionEvent first) {
        return db.write("redeem a purchase", h -> {
            int inserted = h.createUpdate("INSERT INTO subscriptions (" + COLUMNS + ") VALUES (:id, :account, :provider, :providerId, :catalog, "
                            + ":product, :plan, :status, :started, :paidUntil, :storeGrace, :ended, :updated, :previousPlan, :planChanged) ON CONFLICT (provider, provider_id) DO NOTHING")
                    .bind("id", s.id()).bind("account", s.accountId()).bind("provider", s.provider().wireName()).bind("providerId", s.providerId())
                    .bind("catalog", s.catalogVersion()).bind("product", s.productId()).bind("plan", s.planId()).bind("status", s.status().name())
                    .bind("started", s.startedAt()).bind("paidUntil", s.paidUntil()).bindByType("storeGrace", s.storeGraceUntil(), Instant.class)
                    .bindByType("ended", s.endedAt(), Instant.class).bind("updated", s.updatedAt())
                    .bindByType("previousPlan", s.previousPlanId(), String.class).bindByType("planChanged", s.planChangedAt(), Instant.class).execute();
            if (inserted == 1) {
                append(h, first);
                return Redeemed.NEW;
            }
            String owner = h.createQuery("SELECT account_id FROM subscriptions WHERE provider = :provider AND provider_id = :providerId")
                    .bind("provider", s.provider().wireName()).bind("providerId", s.providerId()).mapTo(String.class).one();
            return owner.equals(s.accountId()) ? Redeemed.ALREADY_THIS_ACCOUNT : Redeemed.OTHER_ACCOUNT;
        });
    }

    @Override
    public Optional<Subscription> find(Provider provider, String providerId) {
        return db.read("find a subscription", h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE provider = :provider AND provider_id = :id")
                .bind("provider", provider.wireName()).bind("id", providerId).map(SqlSubscriptionStore::subscription).findOne());
    }

    @Override
    public boolean update(Subscription c, Instant expectedUpdatedAt, SubscriptionEvent event) {
        return db.write("update a subscription", h -> {
            int changed = h.createUpdate("""
                            UPDATE subscriptions SET product_id = :product, plan_id = :plan, status = :status, paid_until = :paidUntil,
                            store_grace_until = :storeGrace, ended_at = :ended, updated_at = :updated,
                            previous_plan_id = :previousPlan, plan_changed_at = :planChanged
                            WHERE subscription_id = :id AND updated_at = :expected""")
                    .bind("product", c.productId()).bind("plan", c.planId()).bind("status", c.status().name()).bind("paidUntil", c.paidUntil())
                    .bindByType("storeGrace", c.storeGraceUntil(), Instant.class).bindByType("ended", c.endedAt(), Instant.class)
                    .bind("updated", c.updatedAt()).bindByType("previousPlan", c.previousPlanId(), String.class)
                    .bindByType("planChanged", c.planChangedAt(), Instant.class).bind("id", c.id()).bind("expected", expectedUpdatedAt).execute();
            if (changed == 1) append(h, event);
            return changed == 1;
        });
    }

    @Override
    public List<Subscription> forAccount(String accountId) {
        return db.read("list subscriptions", h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE account_id = :account ORDER BY started_at, subscription_id")
                .bind("account", accountId).map(SqlSubscriptionStore::subscription).list());
    }

    @Override
    public Instant meteredSince(String accountId) {
        return db.read("read when an account came under the plans", h -> h.createQuery(
                        "SELECT metered_since FROM accounts WHERE account_id = :account")
                .bind("account", accountId).map((r, ctx) -> Optional.ofNullable(SqlDatabase.instant(r, 1, ctx))).findOne()
                .flatMap(x -> x).orElse(Instant.MIN));
    }

    @Override
    public List<SubscriptionEvent> history(String accountId, int limit) {
        return db.read("read subscription history", h -> h.createQuery("""
                        SELECT subscription_id, account_id, event, at, received_at, detail FROM subscription_events
                        WHERE account_id = :account ORDER BY event_id DESC LIMIT :limit""")
                .bind("account", accountId).bind("limit", limit)
                .map((r, ctx) -> new SubscriptionEvent(r.getString(1), r.getString(2), SubscriptionEventType.valueOf(r.getString(3)),
                        SqlDatabase.instant(r, 4, ctx), SqlDatabase.instant(r, 5, ctx), r.getString(6)))
                .list());
    }

    private static void append(Handle h, SubscriptionEvent e) {
        h.createUpdate("""
                        INSERT INTO subscription_events (subscription_id, account_id, event, at, received_at, detail)
                        VALUES (:sub, :account, :event, :at, :received, :detail)""")
                .bind("sub", e.subscriptionId()).bind("account", e.accountId()).bind("event", e.type().name()).bind("at", e.at())
                .bind("received", e.receivedAt()).bindByType("detail", e.detail(), String.class).execute();
    }

    private static Subscription subscription(ResultSet r, StatementContext ctx) throws SQLException {
        return new Subscription(r.getString(1), r.getString(2), Provider.ofWireName(r.getString(3)), r.getString(4), r.getInt(5), r.getString(6),
                r.getString(7), SubscriptionStatus.valueOf(r.getString(8)), SqlDatabase.instant(r, 9, ctx), SqlDatabase.instant(r, 10, ctx),
                SqlDatabase.instant(r, 11, ctx), SqlDatabase.instant(r, 12, ctx), SqlDatabase.instant(r, 13, ctx), r.getString(14),
                SqlDatabase.instant(r, 15, ctx));
    }
}
