package org.chatvault.server.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Years of subscription history driven in seconds: the services over the real SQLite store, a
 * test clock, and store notifications as a store would send them.
 */
class SubscriptionHistoryTest {
    private static final Duration GRACE = BillingConfig.DEFAULT_GRACE;
    private static final String STANDARD = "chatvault.standard.yearly";
    private static final String FOREVER = "chatvault.forever.yearly";

    @TempDir Path dir;
    private SqlStores stores;
    private final MutableClock clock = MutableClock.startingAt("2024-01-01T00:00:00Z");
    private SubscriptionService subscriptions;
    private EntitlementService entitlements;

    @BeforeEach
    void open() {
        stores = SqlStores.sqlite(dir.resolve("metadata.db"));
        subscriptions = new SubscriptionService(stores.subscriptions(), Catalogs.defaults(), clock);
        entitlements = new EntitlementService(stores.subscriptions(), BillingConfig.defaults(), clock);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private Instant now() { return clock.instant(); }

    private static Instant plusYears(Instant t, int years) { return t.atZone(ZoneOffset.UTC).plusYears(years).toInstant(); }

    private void moveTo(Instant t) { clock.advance(Duration.between(now(), t)); }

    private static VerifiedPurchase state(String token, String account, String product, SubscriptionStatus status, Instant start, Instant paidUntil,
                                          Instant storeGrace, Instant ended) {
        return new VerifiedPurchase(Provider.GOOGLE, token, account, product, status, start, paidUntil, storeGrace, ended);
    }

    private void notify(SubscriptionEventType type, VerifiedPurchase state) {
        assertThat(subscriptions.apply(new StoreEvent(type, state, now(), type.name().toLowerCase()))).isPresent();
    }

    private Entitlement at(String account) { return entitlements.current(account); }

    @Test
    void buyRenewFailWithStoreGraceLapseReadOnlyCutAndResubscribe() {
        Instant start = now();
        Instant year1 = plusYears(start, 1);
        subscriptions.redeem("alice", state("tok-1", "alice", STANDARD, SubscriptionStatus.ACTIVE, start, year1, null, null));
        assertThat(at("alice")).satisfies(e -> {
            assertThat(e.state()).isEqualTo(EntitlementState.PAID);
            assertThat(e.plan().id()).isEqualTo("standard");
            assertThat(e.mediaAllowed()).isTrue();
            assertThat(e.paidUntil()).isEqualTo(year1);
            assertThat(e.cutOn()).isEqualTo(year1.plus(GRACE));
        });

        // A year on, the store renews.
        moveTo(year1.minusSeconds(60));
        Instant year2 = plusYears(start, 2);
        notify(SubscriptionEventType.RENEWED, state("tok-1", null, STANDARD, SubscriptionStatus.ACTIVE, start, year2, null, null));
        moveTo(year1.plusSeconds(3600));
        assertThat(at("alice").state()).isEqualTo(EntitlementState.PAID);
        assertThat(at("alice").paidUntil()).isEqualTo(year2);

        // The next renewal fails; the store keeps access for 16 days of billing grace, then gives up.
        moveTo(year2);
        Instant storeGrace = year2.plus(Duration.ofDays(16));
        notify(SubscriptionEventType.STORE_GRACE_STARTED, state("tok-1", null, STANDARD, SubscriptionStatus.STORE_GRACE, start, year2, storeGrace, null));
        moveTo(year2.plus(Duration.ofDays(10)));
        assertThat(at("alice")).satisfies(e -> {
            assertThat(e.state()).isEqualTo(EntitlementState.PAID);
            assertThat(e.storeGraceUntil()).isEqualTo(storeGrace);
            assertThat(e.paidUntil()).isEqualTo(storeGrace);
        });
        moveTo(storeGrace);
        notify(SubscriptionEventType.STORE_GRACE_EXPIRED, state("tok-1", null, STANDARD, SubscriptionStatus.EXPIRED, start, year2, storeGrace, null));

        // Lapsed: read-only for the grace period, counted from the end of the store's access, then cut to free.
        moveTo(storeGrace.plus(Duration.ofDays(1)));
        assertThat(at("alice")).satisfies(e -> {
            assertThat(e.state()).isEqualTo(EntitlementState.READ_ONLY);
            assertThat(e.readOnly()).isTrue();
            assertThat(e.plan().id()).isEqualTo("standard");
            assertThat(e.readOnlyUntil()).isEqualTo(storeGrace.plus(GRACE));
        });
        moveTo(storeGrace.plus(GRACE));
        assertThat(at("alice")).satisfies(e -> {
            assertThat(e.state()).isEqualTo(EntitlementState.FREE);
            assertThat(e.plan().id()).isEqualTo("free");
            assertThat(e.mediaAllowed()).isFalse();
            assertThat(e.quotaBytes()).isEqualTo(200L * 1024 * 1024);
        });

        // Months later she subscribes again, with a new purchase.
        moveTo(plusYears(start, 3));
        Instant again = now();
        subscriptions.redeem("alice", state("tok-2", "alice", FOREVER, SubscriptionStatus.ACTIVE, again, plusYears(again, 1), null, null));
        assertThat(at("alice").state()).isEqualTo(EntitlementState.PAID);
        assertThat(at("alice").plan().id()).isEqualTo("forever");

        List<SubscriptionEvent> history = subscriptions.history("alice", 100);
        assertThat(history).extracting(SubscriptionEvent::type).containsExactly(SubscriptionEventType.REDEEMED,
                SubscriptionEventType.STORE_GRACE_EXPIRED, SubscriptionEventType.STORE_GRACE_STARTED, SubscriptionEventType.RENEWED,
                SubscriptionEventType.REDEEMED);
        assertThat(subscriptions.subscriptions("alice")).extracting(Subscription::status)
                .containsExactly(SubscriptionStatus.EXPIRED, SubscriptionStatus.ACTIVE);
    }

    @Test
    void aFailedRenewalWithoutStoreGraceLapsesAtOnceAndARecoveryPaysAgain() {
        Instant start = now();
        Instant year1 = plusYears(start, 1);
        subscriptions.redeem("bob", state("tok-b", "bob", STANDARD, SubscriptionStatus.ACTIVE, start, year1, null, null));
        moveTo(year1);
        notify(SubscriptionEventType.ON_HOLD, state("tok-b", null, STANDARD, SubscriptionStatus.ON_HOLD, start, year1, null, null));
        moveTo(year1.plus(Duration.ofDays(5)));
        assertThat(at("bob").state()).isEqualTo(EntitlementState.READ_ONLY);
        assertThat(at("bob").cutOn()).isEqualTo(year1.plus(GRACE));
        // The store's retry succeeds before the cut: paid again, to a new end.
        Instant year2 = plusYears(start, 2);
        notify(SubscriptionEventType.RENEWED, state("tok-b", null, STANDARD, SubscriptionStatus.ACTIVE, start, year2, null, null));
        assertThat(at("bob").state()).isEqualTo(EntitlementState.PAID);
        assertThat(at("bob").paidUntil()).isEqualTo(year2);
        // Renewal turned off: paid to the end, then lapses.
        notify(SubscriptionEventType.RENEWAL_CANCELED, state("tok-b", null, STANDARD, SubscriptionStatus.CANCELED, start, year2, null, null));
        assertThat(at("bob").state()).isEqualTo(EntitlementState.PAID);
        moveTo(year2.plus(GRACE).minusSeconds(1));
        assertThat(at("bob").state()).isEqualTo(EntitlementState.READ_ONLY);
        moveTo(year2.plus(GRACE));
        assertThat(at("bob").state()).isEqualTo(EntitlementState.FREE);
    }

    @Test
    void aRefundMidPeriodEndsTheEntitlementAtItsTimeAndAReversalRestoresIt() {
        Instant start = now();
        Instant year1 = plusYears(start, 1);
        subscriptions.redeem("carol", state("tok-c", "carol", STANDARD, SubscriptionStatus.ACTIVE, start, year1, null, null));
        moveTo(start.plus(Duration.ofDays(100)));
        Instant refund = now();
        notify(SubscriptionEventType.REFUNDED, state("tok-c", null, STANDARD, SubscriptionStatus.REFUNDED, start, year1, null, refund));
        assertThat(at("carol")).satisfies(e -> {
            assertThat(e.state()).isEqualTo(EntitlementState.READ_ONLY);
            assertThat(e.paidUntil()).isEqualTo(refund);
            assertThat(e.cutOn()).isEqualTo(refund.plus(GRACE));
        });
        moveTo(refund.plus(GRACE));
        assertThat(at("carol").state()).isEqualTo(EntitlementState.FREE);
        notify(SubscriptionEventType.REFUND_REVERSED, state("tok-c", null, STANDARD, SubscriptionStatus.ACTIVE, start, year1, null, null));
        assertThat(at("carol").state()).isEqualTo(EntitlementState.PAID);
        assertThat(at("carol").paidUntil()).isEqualTo(year1);
    }

    @Test
    void aProductChangeChangesThePlanFromItsTimeOnAndRetentionKeepsTheBetterPlanBeforeIt() {
        Instant start = now();
        Instant year1 = plusYears(start, 1);
        subscriptions.redeem("dave", state("tok-d", "dave", FOREVER, SubscriptionStatus.ACTIVE, start, year1, null, null));
        assertThat(entitlements.retention("dave").keptFrom(now())).isZero();
        moveTo(start.plus(Duration.ofDays(200)));
        Instant change = now();
        notify(SubscriptionEventType.PRODUCT_CHANGED, state("tok-d", null, STANDARD, SubscriptionStatus.ACTIVE, start, year1, null, null));

        assertThat(at("dave").plan().id()).isEqualTo("standard");
        Subscription s = subscriptions.subscriptions("dave").getFirst();
        assertThat(s.previousPlanId()).isEqualTo("forever");
        assertThat(s.planChangedAt()).isEqualTo(change);
        // Forever applied until the change: nothing it kept is deleted before a grace period has passed.
        RetentionSchedule r = entitlements.retention("dave");
        assertThat(r.keptFrom(change.plus(GRACE).minusSeconds(1))).isZero();
        assertThat(r.keptFrom(change.plus(GRACE))).isEqualTo(org.chatvault.core.format.Months.of(
                change.plus(GRACE).atZone(ZoneOffset.UTC).minusYears(2).toInstant().toEpochMilli()));
        assertThat(entitlements.at("dave", start.plus(Duration.ofDays(100))).plan().id()).isEqualTo("forever");
    }

    @Test
    void retentionAnnouncesTheCutAtTheLapseAndDeletesNothingBeforeIt() {
        Instant start = now();
        Instant year1 = plusYears(start, 1);
        subscriptions.redeem("gina", state("tok-g", "gina", STANDARD, SubscriptionStatus.CANCELED, start, year1, null, null));
        int lastSummer = 202307;
        int threeYearsAgo = 202012;
        RetentionSchedule r = entitlements.retention("gina");
        // Paid: the 2-year window; a month older than that expires when it leaves the window.
        assertThat(r.keptFrom(now())).isEqualTo(202201);
        assertThat(r.expiryOf(threeYearsAgo, now())).contains(now());
        assertThat(r.expiryOf(202212, now())).contains(Instant.parse("2025-01-01T00:00:00Z"));
        // A month that would leave the window after the cut goes with the cut.
        assertThat(r.expiryOf(202301, now())).contains(year1.plus(GRACE));
        // Not renewing: last summer's month goes with the cut to free, a grace period after the lapse, and not before.
        assertThat(r.expiryOf(lastSummer, now())).contains(year1.plus(GRACE));
        assertThat(r.keptFrom(year1.plus(GRACE).minusSeconds(1))).isLessThanOrEqualTo(lastSummer);
        assertThat(r.keptFrom(year1.plus(GRACE))).isGreaterThan(lastSummer);
        // Renewing in time moves it out again.
        moveTo(year1.minus(Duration.ofDays(3)));
        notify(SubscriptionEventType.RENEWED, state("tok-g", null, STANDARD, SubscriptionStatus.ACTIVE, start, plusYears(start, 2), null, null));
        assertThat(entitlements.retention("gina").expiryOf(lastSummer, now())).contains(Instant.parse("2025-08-01T00:00:00Z"));
    }

    @Test
    void aPurchaseIsRedeemedOnceIdempotentlyForItsAccountAndRefusedForAnother() {
        Instant start = now();
        VerifiedPurchase p = state("tok-e", null, STANDARD, SubscriptionStatus.ACTIVE, start, plusYears(start, 1), null, null);
        Subscription first = subscriptions.redeem("erin", p);
        moveTo(start.plusSeconds(60));
        assertThat(subscriptions.redeem("erin", p)).isEqualTo(first);
        assertThat(subscriptions.history("erin", 10)).hasSize(1);
        assertThatThrownBy(() -> subscriptions.redeem("frank", p)).isInstanceOf(BillingException.AlreadyRedeemed.class);
        assertThat(subscriptions.subscriptions("frank")).isEmpty();
        assertThat(entitlements.current("frank").state()).isEqualTo(EntitlementState.FREE);
        VerifiedPurchase linked = state("tok-f", "erin", STANDARD, SubscriptionStatus.ACTIVE, start, plusYears(start, 1), null, null);
        assertThatThrownBy(() -> subscriptions.redeem("frank", linked)).isInstanceOf(BillingException.InvalidPurchase.class);
    }
}
