package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chatvault.server.billing.Entitlement;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.EntitlementState;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.AppleTestStore;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * App Store purchases and Server Notifications V2 through the HTTP API, on a clock the test moves:
 * months of a subscription's life in seconds. The entitlement is read with {@link EntitlementService}
 * over the server's own database ({@code GET /v1/subscription} is billing-core's route).
 */
class AppleApiTest {
    private static final String MONTHLY = "chatvault.standard.monthly";
    private static final String FOREVER = "chatvault.forever.yearly";
    private static final Duration MONTH = Duration.ofDays(30);
    private static final AppleTestStore APPLE = AppleTestStore.shared();

    @TempDir Path dir;
    private ServerFixture fx;
    private Api api;
    private MutableClock clock;
    private SqlStores stores;
    private EntitlementService entitlements;
    private Session alice;
    private String aliceId;
    private Instant t0;

    @BeforeEach
    void aliceOnAServerThatTakesAppStorePurchases() {
        fx = new ServerFixture(dir, c -> c.withBilling(c.billing().withApple(APPLE.settings(dir))));
        api = fx.api();
        clock = fx.clock();
        t0 = clock.instant();
        stores = SqlStores.sqlite(dir.resolve("metadata.db"));
        entitlements = new EntitlementService(stores.subscriptions(), fx.config().billing(), clock);
        alice = api.newSession("alice");
        aliceId = Api.signerOf(alice).accountId();
    }

    @AfterEach
    void stop() {
        stores.close();
        fx.close();
    }

    @Test
    void aPurchaseIsRedeemedOnceAndOnlyByItsAccount() {
        String chain = AppleTestStore.newTransactionId();
        String jws = APPLE.sign(tx(chain, MONTHLY, UUID.fromString(aliceId), t0, t0, t0.plus(MONTH)));
        Response r = redeem(alice, jws);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("planId").asText()).isEqualTo("standard");
        assertThat(r.json().get("status").asText()).isEqualTo("active");
        assertThat(r.json().get("paidUntil").asLong()).isEqualTo(t0.plus(MONTH).toEpochMilli());
        assertThat(r.json().get("endedAt").isNull()).isTrue();
        String id = r.json().get("subscriptionId").asText();
        assertPaidUntil(t0.plus(MONTH));

        // Sent again by the app: the same subscription.
        Response again = redeem(alice, jws);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("subscriptionId").asText()).isEqualTo(id);

        // Bob cannot take alice's purchase: its token names her.
        Session bob = api.newSession("bob");
        assertError(redeem(bob, jws), 400, "invalid_purchase");
        // A purchase naming no account goes to the first account that sends it, and to no other.
        String open = APPLE.sign(tx(AppleTestStore.newTransactionId(), MONTHLY, null, t0, t0, t0.plus(MONTH)));
        assertThat(redeem(bob, open).status()).isEqualTo(200);
        assertError(redeem(alice, open), 409, "purchase_already_redeemed");
        assertThat(stores.subscriptions().forAccount(aliceId)).extracting(Subscription::id).containsExactly(id);

        // A purchase for a product the catalog does not sell, and one signed by another chain.
        assertError(redeem(alice, APPLE.sign(tx(AppleTestStore.newTransactionId(), "chatvault.gold", UUID.fromString(aliceId), t0, t0,
                t0.plus(MONTH)))), 422, "unknown_product");
        assertError(redeem(alice, AppleTestStore.create().sign(tx(AppleTestStore.newTransactionId(), MONTHLY, UUID.fromString(aliceId), t0, t0,
                t0.plus(MONTH)))), 400, "invalid_purchase");
        assertError(api.post("v1/subscription/apple", alice.access(), Map.of()), 400, "bad_request");
    }

    @Test
    void notificationsDriveASubscriptionThroughRenewalCancelGraceHoldExpiryAndReturn() {
        String chain = AppleTestStore.newTransactionId();
        UUID token = UUID.fromString(aliceId);
        assertThat(redeem(alice, APPLE.sign(tx(chain, MONTHLY, token, t0, t0, t0.plus(MONTH)))).status()).isEqualTo(200);

        // A month on: renewed.
        clock.advance(MONTH);
        Instant t1 = clock.instant();
        assertTaken(notify("DID_RENEW", null, tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH)), renewal(chain, true, null)), "applied");
        assertStatus(chain, SubscriptionStatus.ACTIVE);
        assertPaidUntil(t1.plus(MONTH));

        // Renewal turned off, then on again: paid until the end of the period either way.
        clock.advance(Duration.ofDays(3));
        assertTaken(notify("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_DISABLED", tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH)),
                renewal(chain, false, null)), "applied");
        assertStatus(chain, SubscriptionStatus.CANCELED);
        assertPaidUntil(t1.plus(MONTH));
        clock.advance(Duration.ofDays(1));
        assertTaken(notify("DID_CHANGE_RENEWAL_STATUS", "AUTO_RENEW_ENABLED", tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH)),
                renewal(chain, true, null)), "applied");
        assertStatus(chain, SubscriptionStatus.ACTIVE);

        // The next renewal fails; Apple's billing grace keeps access for 16 days.
        clock.advance(Duration.ofDays(26));
        Instant t2 = clock.instant();
        Instant graceEnd = t2.plus(Duration.ofDays(16));
        assertTaken(notify("DID_FAIL_TO_RENEW", "GRACE_PERIOD", tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH)), renewal(chain, true, graceEnd)),
                "applied");
        assertStatus(chain, SubscriptionStatus.STORE_GRACE);
        Entitlement inGrace = entitlements.current(aliceId);
        assertThat(inGrace.state()).isEqualTo(EntitlementState.PAID);
        assertThat(inGrace.storeGraceUntil()).isEqualTo(graceEnd);

        // The grace runs out unpaid: Apple goes on retrying, without access; the vault turns read-only.
        clock.advance(Duration.ofDays(16));
        assertTaken(notify("GRACE_PERIOD_EXPIRED", null, tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH)), renewal(chain, true, null)), "applied");
        assertStatus(chain, SubscriptionStatus.ON_HOLD);
        assertThat(entitlements.current(aliceId).state()).isEqualTo(EntitlementState.READ_ONLY);

        // The retry succeeds: paid again.
        clock.advance(Duration.ofDays(2));
        Instant t3 = clock.instant();
        assertTaken(notify("DID_RENEW", "BILLING_RECOVERY", tx(chain, MONTHLY, token, t0, t3, t3.plus(MONTH)), renewal(chain, true, null)), "applied");
        assertPaidUntil(t3.plus(MONTH));

        // The next one fails with no billing grace: on hold at once.
        clock.advance(MONTH);
        assertTaken(notify("DID_FAIL_TO_RENEW", null, tx(chain, MONTHLY, token, t0, t3, t3.plus(MONTH)), renewal(chain, true, null)), "applied");
        assertStatus(chain, SubscriptionStatus.ON_HOLD);
        assertThat(entitlements.current(aliceId).state()).isEqualTo(EntitlementState.READ_ONLY);

        // Apple gives up: expired; read-only for the grace period, then the free plan.
        clock.advance(Duration.ofDays(5));
        assertTaken(notify("EXPIRED", "BILLING_RETRY", tx(chain, MONTHLY, token, t0, t3, t3.plus(MONTH)), renewal(chain, false, null)), "applied");
        assertStatus(chain, SubscriptionStatus.EXPIRED);
        Entitlement lapsed = entitlements.current(aliceId);
        assertThat(lapsed.state()).isEqualTo(EntitlementState.READ_ONLY);
        assertThat(lapsed.readOnlyUntil()).isEqualTo(t3.plus(MONTH).plus(fx.config().billing().gracePeriod()));
        clock.advance(fx.config().billing().gracePeriod());
        assertThat(entitlements.current(aliceId).state()).isEqualTo(EntitlementState.FREE);
        assertThat(entitlements.current(aliceId).plan().id()).isEqualTo("free");

        // Months later she subscribes again, on the same chain.
        clock.advance(Duration.ofDays(90));
        Instant t4 = clock.instant();
        assertTaken(notify("SUBSCRIBED", "RESUBSCRIBE", tx(chain, MONTHLY, token, t0, t4, t4.plus(MONTH)), renewal(chain, true, null)), "applied");
        assertStatus(chain, SubscriptionStatus.ACTIVE);
        assertPaidUntil(t4.plus(MONTH));

        assertThat(history()).containsSubsequence(SubscriptionEventType.REDEEMED, SubscriptionEventType.RENEWED,
                SubscriptionEventType.RENEWAL_CANCELED, SubscriptionEventType.RENEWAL_RESUMED, SubscriptionEventType.STORE_GRACE_STARTED,
                SubscriptionEventType.STORE_GRACE_EXPIRED, SubscriptionEventType.RENEWED, SubscriptionEventType.ON_HOLD,
                SubscriptionEventType.EXPIRED, SubscriptionEventType.RENEWED);
    }

    @Test
    void aRefundEndsTheEntitlementAtItsTimeAReversalRestoresItAndARevocationEndsItAgain() {
        String chain = AppleTestStore.newTransactionId();
        UUID token = UUID.fromString(aliceId);
        Instant expires = t0.plus(Duration.ofDays(365));
        assertThat(redeem(alice, APPLE.sign(tx(chain, FOREVER, token, t0, t0, expires))).status()).isEqualTo(200);
        assertThat(entitlements.current(aliceId).plan().id()).isEqualTo("forever");

        clock.advance(Duration.ofDays(40));
        Instant refundedAt = clock.instant().minusSeconds(3600);
        Map<String, Object> refunded = tx(chain, FOREVER, token, t0, t0, expires);
        refunded.put("revocationDate", refundedAt.toEpochMilli());
        refunded.put("revocationReason", 0);
        assertTaken(notify("REFUND", null, refunded, renewal(chain, false, null)), "applied");
        assertStatus(chain, SubscriptionStatus.REFUNDED);
        assertThat(find(chain).endedAt()).isEqualTo(refundedAt);
        Entitlement afterRefund = entitlements.current(aliceId);
        assertThat(afterRefund.state()).isEqualTo(EntitlementState.READ_ONLY);
        assertThat(afterRefund.paidUntil()).isEqualTo(refundedAt);
        // The app still holds the transaction from before the refund; sending it again takes nothing back.
        alice = api.signedLogin(alice); // a new session: the clock moved past the old one's access token
        Response resent = redeem(alice, APPLE.sign(tx(chain, FOREVER, token, t0, t0, expires)));
        assertThat(resent.status()).as(resent.text()).isEqualTo(200);
        assertThat(resent.json().get("status").asText()).isEqualTo("refunded");
        assertStatus(chain, SubscriptionStatus.REFUNDED);
        assertThat(entitlements.current(aliceId).state()).isEqualTo(EntitlementState.READ_ONLY);

        clock.advance(Duration.ofDays(2));
        assertTaken(notify("REFUND_REVERSED", null, tx(chain, FOREVER, token, t0, t0, expires), renewal(chain, true, null)), "applied");
        assertStatus(chain, SubscriptionStatus.ACTIVE);
        assertThat(find(chain).endedAt()).isNull();
        assertThat(entitlements.current(aliceId).state()).isEqualTo(EntitlementState.PAID);
        assertPaidUntil(expires);

        clock.advance(Duration.ofDays(2));
        Instant revokedAt = clock.instant().minusSeconds(60);
        Map<String, Object> revoked = tx(chain, FOREVER, token, t0, t0, expires);
        revoked.put("inAppOwnershipType", "FAMILY_SHARED");
        revoked.put("revocationDate", revokedAt.toEpochMilli());
        assertTaken(notify("REVOKE", null, revoked, renewal(chain, false, null)), "applied");
        assertStatus(chain, SubscriptionStatus.REVOKED);
        assertThat(entitlements.current(aliceId).state()).isNotEqualTo(EntitlementState.PAID);
        assertThat(entitlements.current(aliceId).paidUntil()).isEqualTo(revokedAt);
        assertThat(history()).containsSubsequence(SubscriptionEventType.REDEEMED, SubscriptionEventType.REFUNDED,
                SubscriptionEventType.REFUND_REVERSED, SubscriptionEventType.REVOKED);
    }

    @Test
    void aNotificationIsAppliedOnceAndALateOneUndoesNothing() {
        String chain = AppleTestStore.newTransactionId();
        UUID token = UUID.fromString(aliceId);
        assertThat(redeem(alice, APPLE.sign(tx(chain, MONTHLY, token, t0, t0, t0.plus(MONTH)))).status()).isEqualTo(200);
        clock.advance(MONTH);
        Instant t1 = clock.instant();
        Map<String, Object> renewFirst = AppleTestStore.notification("DID_RENEW", null, APPLE.sign(tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH))),
                APPLE.sign(renewal(chain, true, null)), t1);
        String first = APPLE.sign(renewFirst);
        clock.advance(MONTH);
        Instant t2 = clock.instant();
        String second = APPLE.sign(AppleTestStore.notification("DID_RENEW", null, APPLE.sign(tx(chain, MONTHLY, token, t0, t2, t2.plus(MONTH))),
                APPLE.sign(renewal(chain, true, null)), t2));

        assertTaken(notifySigned(second), "applied");
        int lines = history().size();
        // Apple sends the second again, then the first arrives late: neither changes anything.
        assertTaken(notifySigned(second), "duplicate");
        assertTaken(notifySigned(first), "stale");
        assertPaidUntil(t2.plus(MONTH));
        assertThat(history()).hasSize(lines);
        // A new notification that says what the subscription already says adds no history line.
        assertTaken(notify("DID_RENEW", null, tx(chain, MONTHLY, token, t0, t2, t2.plus(MONTH)), renewal(chain, true, null)), "unchanged");
        assertThat(history()).hasSize(lines);
        // Apple's test notification, and a type that changes no entitlement.
        assertTaken(notifySigned(APPLE.sign(AppleTestStore.notification("TEST", null, null, null, clock.instant()))), "ignored");
        assertTaken(notify("PRICE_INCREASE", "PENDING", tx(chain, MONTHLY, token, t0, t2, t2.plus(MONTH)), renewal(chain, true, null)), "ignored");
        assertThat(history()).hasSize(lines);
    }

    @Test
    void anOlderTransactionFromTheAppAndAnIgnoredNotificationSignedLaterTakeNoRenewalBack() {
        String chain = AppleTestStore.newTransactionId();
        UUID token = UUID.fromString(aliceId);
        String firstPeriod = APPLE.sign(tx(chain, MONTHLY, token, t0, t0, t0.plus(MONTH)));
        assertThat(redeem(alice, firstPeriod).status()).isEqualTo(200);
        clock.advance(MONTH);
        Instant t1 = clock.instant();
        String renewal = APPLE.sign(AppleTestStore.notification("DID_RENEW", null, APPLE.sign(tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH))),
                APPLE.sign(renewal(chain, true, null)), t1));
        // A price-increase notice signed after the renewal arrives first; it changes no entitlement, so it orders nothing.
        clock.advance(Duration.ofMinutes(5));
        assertTaken(notify("PRICE_INCREASE", "PENDING", tx(chain, MONTHLY, token, t0, t1, t1.plus(MONTH)), renewal(chain, true, null)), "ignored");
        assertTaken(notifySigned(renewal), "applied");
        assertPaidUntil(t1.plus(MONTH));
        // The app sends the first period's transaction again (an old cache): the renewal stands.
        alice = api.signedLogin(alice); // a new session: the clock moved past the old one's access token
        Response r = redeem(alice, firstPeriod);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("paidUntil").asLong()).isEqualTo(t1.plus(MONTH).toEpochMilli());
        assertPaidUntil(t1.plus(MONTH));
    }

    @Test
    void aNotificationForAPurchaseTheAppHasNotSentYetReachesItsAccountAndOneNamingNoAccountIsIgnored() {
        String chain = AppleTestStore.newTransactionId();
        assertTaken(notify("SUBSCRIBED", "INITIAL_BUY", tx(chain, MONTHLY, UUID.fromString(aliceId), t0, t0, t0.plus(MONTH)),
                renewal(chain, true, null)), "applied");
        assertThat(find(chain).accountId()).isEqualTo(aliceId);
        assertPaidUntil(t0.plus(MONTH));
        // The app sends it afterwards: the same subscription, still alice's.
        Response r = redeem(alice, APPLE.sign(tx(chain, MONTHLY, UUID.fromString(aliceId), t0, t0, t0.plus(MONTH))));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("subscriptionId").asText()).isEqualTo(find(chain).id());

        String unlinked = AppleTestStore.newTransactionId();
        assertTaken(notify("SUBSCRIBED", "INITIAL_BUY", tx(unlinked, MONTHLY, null, t0, t0, t0.plus(MONTH)), renewal(unlinked, true, null)), "ignored");
        assertThat(stores.subscriptions().find(Provider.APPLE, unlinked)).isEmpty();
    }

    @Test
    void aNotificationThatDoesNotVerifyIsRefusedWith400AndChangesNothing() {
        String chain = AppleTestStore.newTransactionId();
        UUID token = UUID.fromString(aliceId);
        assertThat(redeem(alice, APPLE.sign(tx(chain, MONTHLY, token, t0, t0, t0.plus(MONTH)))).status()).isEqualTo(200);
        Subscription before = find(chain);
        int lines = history().size();
        Map<String, Object> refund = tx(chain, MONTHLY, token, t0, t0, t0.plus(MONTH));
        refund.put("revocationDate", t0.toEpochMilli());

        // Signed by a chain to another root (a forger's own CA).
        AppleTestStore forger = AppleTestStore.create();
        assertError(notifySigned(forger.sign(AppleTestStore.notification("REFUND", null, forger.sign(refund), null, t0))), 400, "invalid_purchase");
        // Apple's genuine notification wrapped around a forged transaction.
        assertError(notifySigned(APPLE.sign(AppleTestStore.notification("REFUND", null, forger.sign(refund), null, t0))), 400, "invalid_purchase");
        // A genuine notification, edited.
        String genuine = APPLE.sign(AppleTestStore.notification("REFUND", null, APPLE.sign(refund), null, t0));
        String[] parts = genuine.split("\\.");
        String edited = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"REFUND\"", "\"REVOKE\"");
        assertError(notifySigned(parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2]), 400, "invalid_purchase");
        // Another app's, and the production environment's.
        Map<String, Object> otherApp = AppleTestStore.notification("REFUND", null, APPLE.sign(refund), null, t0);
        @SuppressWarnings("unchecked") Map<String, Object> data = (Map<String, Object>) otherApp.get("data");
        data.put("bundleId", "com.example.other");
        assertError(notifySigned(APPLE.sign(otherApp)), 400, "invalid_purchase");
        data.put("bundleId", AppleTestStore.BUNDLE_ID);
        data.put("environment", "Production");
        assertError(notifySigned(APPLE.sign(otherApp)), 400, "invalid_purchase");
        // Renewal info about another purchase than the transaction.
        assertError(notify("DID_RENEW", null, tx(chain, MONTHLY, token, t0, t0, t0.plus(MONTH)), renewal("999", true, null)), 400, "invalid_purchase");
        // Not JSON, no payload, no JWS.
        assertError(api.send("POST", "v1/billing/apple/notifications", null, "application/json", "{".getBytes(StandardCharsets.UTF_8)), 400,
                "malformed_json");
        assertError(api.post("v1/billing/apple/notifications", null, Map.of()), 400, "bad_request");
        assertError(api.post("v1/billing/apple/notifications", null, Map.of("signedPayload", "x.y.z")), 400, "invalid_purchase");

        assertThat(find(chain)).isEqualTo(before);
        assertThat(history()).hasSize(lines);
        // The genuine one, unedited, is taken: the refusals were the forgeries'.
        assertTaken(notifySigned(genuine), "applied");
        assertStatus(chain, SubscriptionStatus.REFUNDED);
    }

    @Test
    void aServerWithoutAnAppStoreSaysSo() {
        fx.close();
        try (ServerFixture plain = new ServerFixture(dir.resolve("plain"))) {
            Session bob = plain.api().newSession("bob");
            String jws = APPLE.sign(tx(AppleTestStore.newTransactionId(), MONTHLY, null, t0, t0, t0.plus(MONTH)));
            assertError(plain.api().post("v1/subscription/apple", bob.access(), Map.of("signedTransaction", jws)), 501, "billing_not_configured");
            assertError(plain.api().post("v1/billing/apple/notifications", null,
                    Map.of("signedPayload", APPLE.sign(AppleTestStore.notification("TEST", null, null, null, t0)))), 501, "billing_not_configured");
        }
        fx = new ServerFixture(dir, c -> c.withBilling(c.billing().withApple(APPLE.settings(dir))));
    }

    private static Map<String, Object> tx(String chain, String product, UUID token, Instant firstBought, Instant bought, Instant expires) {
        Map<String, Object> t = AppleTestStore.transaction(chain, product, token, bought, expires);
        t.put("originalPurchaseDate", firstBought.toEpochMilli());
        return t;
    }

    private Map<String, Object> renewal(String chain, boolean autoRenew, Instant graceEnd) {
        return AppleTestStore.renewalInfo(chain, MONTHLY, autoRenew, graceEnd, clock.instant());
    }

    private Response redeem(Session s, String jws) {
        return api.post("v1/subscription/apple", s.access(), Map.of("signedTransaction", jws));
    }

    private Response notify(String type, String subtype, Map<String, Object> transaction, Map<String, Object> renewal) {
        return notifySigned(APPLE.sign(AppleTestStore.notification(type, subtype, APPLE.sign(transaction), APPLE.sign(renewal), clock.instant())));
    }

    /** As Apple posts it: no token, no request signature. */
    private Response notifySigned(String signedPayload) {
        return api.post("v1/billing/apple/notifications", null, Map.of("signedPayload", signedPayload));
    }

    private static void assertTaken(Response r, String outcome) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("outcome").asText()).as(r.text()).isEqualTo(outcome);
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error()).as(r.text()).isEqualTo(code);
        assertThat(r.text()).doesNotContain("eyJ"); // never echoes a signed payload
    }

    private Subscription find(String chain) {
        return stores.subscriptions().find(Provider.APPLE, chain).orElseThrow();
    }

    private void assertStatus(String chain, SubscriptionStatus status) {
        assertThat(find(chain).status()).isEqualTo(status);
    }

    private void assertPaidUntil(Instant paidUntil) {
        Entitlement e = entitlements.current(aliceId);
        assertThat(e.state()).as(e.toString()).isEqualTo(EntitlementState.PAID);
        assertThat(e.paidUntil()).as(e.toString()).isEqualTo(paidUntil);
    }

    /** Alice's history, oldest first. */
    private List<SubscriptionEventType> history() {
        List<SubscriptionEvent> newestFirst = stores.subscriptions().history(aliceId, 1000);
        return newestFirst.reversed().stream().map(SubscriptionEvent::type).toList();
    }
}
