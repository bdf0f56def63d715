package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.EntitlementState;
import org.chatvault.server.billing.GooglePlaySettings;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.config.ConfigException;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.FakeGooglePlay;
import org.chatvault.server.testing.FakeGooglePlay.Recorded;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google Play through the real HTTP API, against {@link FakeGooglePlay} (the official client, the service account's
 * OAuth flow and Google's token verifier all run; only Google's servers are replaced by recorded answers), with the
 * clock driven by hand: redemption once across accounts, every notification type, and forged pushes.
 */
class GooglePlayApiTest {
    private static final String YEARLY = "chatvault.standard.yearly";
    private static final String MONTHLY = "chatvault.standard.monthly";
    private static final Recorded ACTIVE = Recorded.of("subscriptionsv2-active.json");

    @TempDir Path dir;
    private FakeGooglePlay google;
    private ServerFixture fx;
    private MutableClock clock;
    private Api api;
    private Session alice;
    private String aliceId;
    private SqlStores stores;
    private final AtomicInteger messages = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        google = new FakeGooglePlay();
        Path keys = Files.createDirectories(dir.resolve("keys"));
        clock = MutableClock.startingAt("2024-01-15T10:00:00Z");
        fx = new ServerFixture(dir.resolve("data"), clock, c -> c.withBilling(c.billing().withGoogle(google.settings(keys))));
        api = fx.api();
        alice = api.newSession("alice");
        aliceId = Api.signerOf(alice).accountId();
        stores = SqlStores.sqlite(dir.resolve("data").resolve("metadata.db"));
    }

    @AfterEach
    void stop() {
        stores.close();
        fx.close();
        google.close();
    }

    private Response redeem(Session s, String token, String productId) {
        return api.post("v1/subscription/google", s.access(), productId == null ? Map.of("purchaseToken", token)
                : Map.of("purchaseToken", token, "productId", productId));
    }

    private Subscription stored(String token) { return stores.subscriptions().find(Provider.GOOGLE, token).orElseThrow(); }

    private List<SubscriptionEventType> history(String accountId) {
        return stores.subscriptions().history(accountId, 100).stream().map(SubscriptionEvent::type).toList().reversed();
    }

    private EntitlementState entitlement(String accountId) {
        return new EntitlementService(stores.subscriptions(), fx.config().billing(), clock).current(accountId).state();
    }

    /** Pushes a Real-time Developer Notification as Pub/Sub does, with {@code authorization} (null: none). */
    private Response push(String authorization, String notificationJson) {
        String data = Base64.getEncoder().encodeToString(notificationJson.getBytes(StandardCharsets.UTF_8));
        String id = Integer.toString(messages.incrementAndGet());
        Map<String, Object> body = Map.of("message", Map.of("data", data, "messageId", id, "message_id", id,
                        "publishTime", clock.instant().toString(), "attributes", Map.of()),
                "subscription", "projects/chatvault-test/subscriptions/play-rtdn");
        try {
            return api.sendWithHeaders("POST", "v1/billing/google/notifications", null, "application/json", Api.JSON.writeValueAsBytes(body),
                    authorization == null ? Map.of() : Map.of("Authorization", authorization));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response push(String notificationJson) { return push("Bearer " + google.pushToken(clock.instant()), notificationJson); }

    private static String subscriptionNotification(int type, String token, String product, Instant at) {
        return "{\"version\":\"1.0\",\"packageName\":\"" + FakeGooglePlay.PACKAGE + "\",\"eventTimeMillis\":\"" + at.toEpochMilli()
                + "\",\"subscriptionNotification\":{\"version\":\"1.0\",\"notificationType\":" + type + ",\"purchaseToken\":\"" + token
                + "\",\"subscriptionId\":\"" + product + "\"}}";
    }

    private Response notify(int type, String token) {
        Response r = push(subscriptionNotification(type, token, MONTHLY, clock.instant()));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r;
    }

    @Test
    void aPurchaseIsReadFromPlayLinkedAcknowledgedOnceAndEntitles() {
        google.purchase("tok-alice-1", ACTIVE.account(aliceId));
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.FREE);

        Response r = redeem(alice, "tok-alice-1", YEARLY);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("planId").asText()).isEqualTo("standard");
        assertThat(r.json().get("productId").asText()).isEqualTo(YEARLY);
        assertThat(r.json().get("status").asText()).isEqualTo("active");
        assertThat(r.json().get("paidUntil").asLong()).isEqualTo(Instant.parse("2025-01-15T09:58:51.412Z").toEpochMilli());
        assertThat(r.json().get("storeGraceUntil").isNull()).isTrue();
        assertThat(r.text()).doesNotContain("tok-alice-1");
        assertThat(google.acknowledged()).containsExactly("tok-alice-1");
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.PAID);

        // Sent again (an app retrying): the same subscription, not acknowledged twice.
        Response again = redeem(alice, "tok-alice-1", null);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("subscriptionId").asText()).isEqualTo(r.json().get("subscriptionId").asText());
        assertThat(google.acknowledged()).containsExactly("tok-alice-1");
        assertThat(stores.subscriptions().forAccount(aliceId)).hasSize(1);
    }

    @Test
    void aTokenPlayLinksToAnotherAccountIsRefused() {
        Session bob = api.newSession("bob");
        google.purchase("tok-bobs", ACTIVE.account(Api.signerOf(bob).accountId()));
        assertError(redeem(alice, "tok-bobs", null), 400, "invalid_purchase");
        assertThat(stores.subscriptions().find(Provider.GOOGLE, "tok-bobs")).isEmpty();
        assertThat(google.acknowledged()).isEmpty();
        assertThat(redeem(bob, "tok-bobs", null).status()).isEqualTo(200);
    }

    @Test
    void theSamePurchaseTokenRedeemedByTwoAccountsIsRefusedTheSecondTime() {
        google.purchase("tok-unlinked", ACTIVE.account(null));
        assertThat(redeem(alice, "tok-unlinked", null).status()).isEqualTo(200);
        Session bob = api.newSession("bob");
        Response r = redeem(bob, "tok-unlinked", null);
        assertError(r, 409, "purchase_already_redeemed");
        assertThat(r.text()).doesNotContain("tok-unlinked");
        assertThat(stored("tok-unlinked").accountId()).isEqualTo(aliceId);
        assertThat(entitlement(Api.signerOf(bob).accountId())).isEqualTo(EntitlementState.FREE);
    }

    @Test
    void whatPlayDoesNotGrantIsRefusedAndPlayOutagesAreServiceUnavailable() {
        google.purchase("tok-pending", Recorded.of("subscriptionsv2-pending.json").account(aliceId));
        assertError(redeem(alice, "tok-pending", null), 400, "invalid_purchase");
        Response unknown = redeem(alice, "tok-never-sold", null);
        assertError(unknown, 400, "invalid_purchase");
        assertThat(unknown.text()).contains("HTTP 404").doesNotContain("tok-never-sold");
        google.purchase("tok-alice-2", ACTIVE.account(aliceId));
        assertError(redeem(alice, "tok-alice-2", "chatvault.forever.yearly"), 400, "invalid_purchase");
        assertError(redeem(alice, "tok-bad/../x", null), 400, "invalid_purchase");
        google.purchase("tok-unsold", ACTIVE.account(aliceId).product("chatvault.platinum.yearly"));
        assertError(redeem(alice, "tok-unsold", null), 422, "unknown_product");
        google.failWith(503);
        assertError(redeem(alice, "tok-alice-2", null), 503, "billing_unavailable");
        google.failWith(0);
        assertThat(stores.subscriptions().forAccount(aliceId)).isEmpty();
        assertError(api.post("v1/subscription/google", alice.access(), Map.of("productId", YEARLY)), 400, "bad_request");
    }

    @Test
    void renewCancelResumeGraceRecoverHoldAndExpireDriveTheSubscription() {
        Instant t0 = clock.instant();
        Instant month1 = t0.plus(Duration.ofDays(31));
        Recorded monthly = ACTIVE.product(MONTHLY).account(aliceId).started(t0).expires(month1);
        google.purchase("tok-m", monthly);
        assertThat(redeem(alice, "tok-m", MONTHLY).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(31));
        Instant month2 = t0.plus(Duration.ofDays(62));
        google.purchase("tok-m", monthly.expires(month2));
        notify(2, "tok-m"); // RENEWED
        assertThat(stored("tok-m").paidUntil()).isEqualTo(month2);
        assertThat(stored("tok-m").status()).isEqualTo(SubscriptionStatus.ACTIVE);

        google.purchase("tok-m", monthly.expires(month2).state("CANCELED"));
        notify(3, "tok-m"); // CANCELED: paid, not renewing
        assertThat(stored("tok-m").status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.PAID);
        google.purchase("tok-m", monthly.expires(month2));
        notify(7, "tok-m"); // RESTARTED
        assertThat(stored("tok-m").status()).isEqualTo(SubscriptionStatus.ACTIVE);

        clock.advance(Duration.ofDays(31).plusMinutes(5));
        Instant graceEnd = month2.plus(Duration.ofDays(7));
        google.purchase("tok-m", monthly.expires(graceEnd).state("IN_GRACE_PERIOD"));
        notify(6, "tok-m"); // IN_GRACE_PERIOD: Play keeps access, the paid period stays what was paid
        Subscription grace = stored("tok-m");
        assertThat(grace.status()).isEqualTo(SubscriptionStatus.STORE_GRACE);
        assertThat(grace.paidUntil()).isEqualTo(month2);
        assertThat(grace.storeGraceUntil()).isEqualTo(graceEnd);
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.PAID);

        Instant month3 = month2.plus(Duration.ofDays(31));
        google.purchase("tok-m", monthly.expires(month3));
        notify(1, "tok-m"); // RECOVERED
        assertThat(stored("tok-m").status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(stored("tok-m").paidUntil()).isEqualTo(month3);
        assertThat(stored("tok-m").storeGraceUntil()).isNull();

        clock.advance(Duration.ofDays(31));
        google.purchase("tok-m", monthly.expires(month3).state("ON_HOLD"));
        notify(5, "tok-m"); // ON_HOLD: no access; the lapse's read-only grace runs
        assertThat(stored("tok-m").status()).isEqualTo(SubscriptionStatus.ON_HOLD);
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.READ_ONLY);

        clock.advance(Duration.ofDays(40));
        google.purchase("tok-m", monthly.expires(month3).state("EXPIRED"));
        notify(13, "tok-m"); // EXPIRED
        assertThat(stored("tok-m").status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.FREE);

        assertThat(history(aliceId)).containsExactly(SubscriptionEventType.REDEEMED, SubscriptionEventType.RENEWED,
                SubscriptionEventType.RENEWAL_CANCELED, SubscriptionEventType.RENEWAL_RESUMED, SubscriptionEventType.STORE_GRACE_STARTED,
                SubscriptionEventType.RENEWED, SubscriptionEventType.ON_HOLD, SubscriptionEventType.EXPIRED);
    }

    @Test
    void aRevocationEndsTheEntitlementAtItsTimeAndALaterExpiryDoesNotUndoIt() {
        google.purchase("tok-r", ACTIVE.account(aliceId));
        assertThat(redeem(alice, "tok-r", null).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(90));
        Instant revokedAt = clock.instant();
        google.purchase("tok-r", ACTIVE.account(aliceId).state("EXPIRED").expires(revokedAt));
        notify(12, "tok-r"); // REVOKED
        Subscription s = stored("tok-r");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.REVOKED);
        assertThat(s.endedAt()).isEqualTo(revokedAt);
        assertThat(entitlement(aliceId)).isNotEqualTo(EntitlementState.PAID);

        clock.advance(Duration.ofMinutes(1));
        notify(13, "tok-r"); // EXPIRED after it: the revocation stands
        assertThat(stored("tok-r").status()).isEqualTo(SubscriptionStatus.REVOKED);
        assertThat(stored("tok-r").endedAt()).isEqualTo(revokedAt);
    }

    @Test
    void aVoidedPurchaseIsARefundThatEndsTheEntitlementAtTheEventTime() {
        google.purchase("tok-v", ACTIVE.account(aliceId));
        assertThat(redeem(alice, "tok-v", null).status()).isEqualTo(200);
        clock.advance(Duration.ofDays(10));
        Instant voidedAt = clock.instant().minusSeconds(30);
        Response r = push("{\"version\":\"1.0\",\"packageName\":\"" + FakeGooglePlay.PACKAGE + "\",\"eventTimeMillis\":\"" + voidedAt.toEpochMilli()
                + "\",\"voidedPurchaseNotification\":{\"purchaseToken\":\"tok-v\",\"orderId\":\"GPA.3312-4521-9934-61207\",\"productType\":1,\"refundType\":1}}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        Subscription s = stored("tok-v");
        assertThat(s.status()).isEqualTo(SubscriptionStatus.REFUNDED);
        assertThat(s.endedAt()).isEqualTo(voidedAt);
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.READ_ONLY);
        assertThat(history(aliceId)).containsExactly(SubscriptionEventType.REDEEMED, SubscriptionEventType.REFUNDED);
        assertThat(push("{\"packageName\":\"" + FakeGooglePlay.PACKAGE + "\",\"eventTimeMillis\":\"" + clock.millis()
                + "\",\"voidedPurchaseNotification\":{\"purchaseToken\":\"tok-v\",\"productType\":1,\"refundType\":1}}").status()).isEqualTo(200);
        assertThat(stored("tok-v").endedAt()).as("delivered again: the first refund time stands").isEqualTo(voidedAt);
        assertThat(history(aliceId)).hasSize(2);

        // A voided one-time product is none of ours: answered, nothing changes.
        google.purchase("tok-w", ACTIVE.account(aliceId));
        assertThat(push("{\"packageName\":\"" + FakeGooglePlay.PACKAGE + "\",\"eventTimeMillis\":\"1\",\"voidedPurchaseNotification\":"
                + "{\"purchaseToken\":\"tok-w\",\"orderId\":\"GPA.1\",\"productType\":2,\"refundType\":1}}").status()).isEqualTo(200);
        assertThat(stores.subscriptions().find(Provider.GOOGLE, "tok-w")).isEmpty();
    }

    @Test
    void aPurchaseNotificationBeforeTheAppRedeemsLinksItToTheAccountPlayNamesAndAnUpgradeEndsTheOldChain() {
        google.purchase("tok-first", ACTIVE.account(aliceId).product(MONTHLY).expires(clock.instant().plus(Duration.ofDays(31))));
        notify(4, "tok-first"); // PURCHASED, before the app calls in
        assertThat(stored("tok-first").accountId()).isEqualTo(aliceId);
        assertThat(google.acknowledged()).containsExactly("tok-first");
        assertThat(redeem(alice, "tok-first", MONTHLY).json().get("subscriptionId").asText()).isEqualTo(stored("tok-first").id());

        // A purchase linked to no account waits for the app: nothing is stored, nothing acknowledged.
        google.purchase("tok-anon", ACTIVE.account(null));
        notify(4, "tok-anon");
        assertThat(stores.subscriptions().find(Provider.GOOGLE, "tok-anon")).isEmpty();

        // Ten days later alice upgrades to yearly: a new token replacing the old one.
        clock.advance(Duration.ofDays(10));
        Instant upgradedAt = clock.instant();
        google.purchase("tok-upgrade", ACTIVE.account(aliceId).started(upgradedAt).expires(upgradedAt.plus(Duration.ofDays(365)))
                .linked("tok-first"));
        notify(4, "tok-upgrade");
        Subscription old = stored("tok-first");
        assertThat(old.status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(old.paidUntil()).isEqualTo(upgradedAt);
        assertThat(stored("tok-upgrade").productId()).isEqualTo(YEARLY);
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.PAID);
        assertThat(history(aliceId)).contains(SubscriptionEventType.PRODUCT_CHANGED);
        int lines = history(aliceId).size();
        notify(4, "tok-upgrade"); // delivered again (Pub/Sub is at-least-once): nothing changes, nothing is written twice
        assertThat(history(aliceId)).hasSize(lines).filteredOn(t -> t == SubscriptionEventType.PRODUCT_CHANGED).hasSize(1);
    }

    @Test
    void forgedOrMisdirectedPushesAreRefusedAndChangeNothing() {
        google.purchase("tok-f", ACTIVE.account(aliceId));
        assertThat(redeem(alice, "tok-f", null).status()).isEqualTo(200);
        google.purchase("tok-f", ACTIVE.account(aliceId).state("CANCELED"));
        String cancel = subscriptionNotification(3, "tok-f", YEARLY, clock.instant());
        int playCalls = google.requests().size();
        Instant now = clock.instant();

        assertError(push(null, cancel), 401, "unauthorized");
        assertError(push("Basic dXNlcjpwYXNz", cancel), 401, "unauthorized");
        assertError(push("Bearer not-a-jwt", cancel), 401, "unauthorized");
        assertError(push("Bearer " + google.pushToken(now, "https://elsewhere.example/push", FakeGooglePlay.PUSH_ACCOUNT, true,
                "https://accounts.google.com", google.pushKey()), cancel), 401, "unauthorized");
        assertError(push("Bearer " + google.pushToken(now, FakeGooglePlay.AUDIENCE, "attacker@evil.iam.gserviceaccount.com", true,
                "https://accounts.google.com", google.pushKey()), cancel), 401, "unauthorized");
        assertError(push("Bearer " + google.pushToken(now, FakeGooglePlay.AUDIENCE, FakeGooglePlay.PUSH_ACCOUNT, false,
                "https://accounts.google.com", google.pushKey()), cancel), 401, "unauthorized");
        assertError(push("Bearer " + google.pushToken(now, FakeGooglePlay.AUDIENCE, FakeGooglePlay.PUSH_ACCOUNT, true,
                "https://issuer.example", google.pushKey()), cancel), 401, "unauthorized");
        assertError(push("Bearer " + google.pushToken(now, FakeGooglePlay.AUDIENCE, FakeGooglePlay.PUSH_ACCOUNT, true,
                "https://accounts.google.com", FakeGooglePlay.rsa()), cancel), 401, "unauthorized"); // signed by a key Google does not publish
        String stale = google.pushToken(now);
        clock.advance(Duration.ofHours(2));
        assertError(push("Bearer " + stale, cancel), 401, "unauthorized");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"kid\":\"push-key-1\"}".getBytes())
                + "." + stale.split("\\.")[1] + ".";
        assertError(push("Bearer " + unsigned, cancel), 401, "unauthorized");

        assertThat(google.requests()).hasSize(playCalls);
        assertThat(stored("tok-f").status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(history(aliceId)).containsExactly(SubscriptionEventType.REDEEMED);

        // Authentic but harmless: Play Console's test, another app's notification; answered, nothing applied.
        assertThat(push("{\"version\":\"1.0\",\"packageName\":\"" + FakeGooglePlay.PACKAGE + "\",\"eventTimeMillis\":\"1\",\"testNotification\":{\"version\":\"1.0\"}}")
                .status()).isEqualTo(200);
        assertThat(push(subscriptionNotification(3, "tok-f", YEARLY, clock.instant()).replace(FakeGooglePlay.PACKAGE, "com.other.app")).status())
                .isEqualTo(200);
        assertThat(stored("tok-f").status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertError(push("this is not JSON"), 400, "invalid_purchase");

        // The real one goes through.
        notify(3, "tok-f");
        assertThat(stored("tok-f").status()).isEqualTo(SubscriptionStatus.CANCELED);
    }

    @Test
    void aFailedAcknowledgementKeepsThePurchaseAndIsRetriedAtTheNextNotification() {
        google.purchase("tok-a", ACTIVE.account(aliceId));
        google.failAcknowledgementsWith(500);
        Response r = redeem(alice, "tok-a", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(google.acknowledged()).isEmpty();
        assertThat(entitlement(aliceId)).isEqualTo(EntitlementState.PAID);

        google.failAcknowledgementsWith(0);
        clock.advance(Duration.ofHours(1));
        notify(4, "tok-a"); // Play's PURCHASED arrives: the purchase is still unacknowledged at Play
        assertThat(google.acknowledged()).containsExactly("tok-a");
    }

    @Test
    void aPlanChangeAtPlayMovesTheSubscriptionToTheNewProductsPlan() {
        Recorded monthly = ACTIVE.product(MONTHLY).account(aliceId).expires(clock.instant().plus(Duration.ofDays(31)));
        google.purchase("tok-c", monthly);
        assertThat(redeem(alice, "tok-c", null).json().get("planId").asText()).isEqualTo("standard");
        clock.advance(Duration.ofDays(3));
        google.purchase("tok-c", monthly.product("chatvault.forever.monthly"));
        notify(17, "tok-c"); // SUBSCRIPTION_ITEMS_CHANGED
        assertThat(stored("tok-c").productId()).isEqualTo("chatvault.forever.monthly");
        assertThat(stored("tok-c").planId()).isEqualTo("forever");
        assertThat(history(aliceId)).containsExactly(SubscriptionEventType.REDEEMED, SubscriptionEventType.PRODUCT_CHANGED);
    }

    @Test
    void aServiceAccountKeyOthersMayReadStopsTheServerWithOneLine() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        GooglePlaySettings s = google.settings(shared);
        Files.setPosixFilePermissions(s.serviceAccountKey(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> new ServerFixture(dir.resolve("other"), c -> c.withBilling(c.billing().withGoogle(s))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("billing.google.service-account-key").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("PRIVATE KEY");
    }

    @Test
    void withoutPlaySettingsBothRoutesSayItIsNotConfigured() {
        try (ServerFixture plain = new ServerFixture(dir.resolve("plain"))) {
            Session bob = plain.api().newSession("bob");
            assertError(plain.api().post("v1/subscription/google", bob.access(), Map.of("purchaseToken", "tok")), 501, "billing_not_configured");
            assertError(plain.api().post("v1/billing/google/notifications", null, Map.of("message", Map.of("data", "e30="))), 501,
                    "billing_not_configured");
        }
    }
}
