package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.chatvault.server.billing.direct.ReceiptClaims;
import org.chatvault.server.billing.direct.ReceiptIssuer;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestReceipts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/plans}, {@code /v1/subscription} and direct receipts through the real HTTP API, on a test clock. */
class BillingApiTest {
    @TempDir Path dir;
    private ServerFixture fx;
    private Api api;
    private Session alice;
    private String aliceId;

    @BeforeEach
    void start() {
        fx = new ServerFixture(dir, c -> c.withBilling(c.billing().withDirect(TestReceipts.settings(dir.resolve("billing")))));
        api = fx.api();
        alice = api.newSession("alice");
        aliceId = Api.signerOf(alice).accountId();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private Response redeem(Session s, String receipt) {
        return api.post("v1/subscription/direct", s.access(), Map.of("receipt", receipt));
    }

    private Instant now() { return fx.clock().instant(); }

    private Instant yearsFromNow(int years) { return now().atZone(ZoneOffset.UTC).plusYears(years).toInstant(); }

    @Test
    void plansArePublicAndListTheCurrentCatalog() {
        Response r = api.get("v1/plans", null);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.get("version").asInt()).isEqualTo(1);
        assertThat(c.get("plans")).extracting(p -> p.get("id").asText()).containsExactly("free", "standard", "forever");
        JsonNode free = c.get("plans").get(0);
        assertThat(free.get("media").asBoolean()).isFalse();
        assertThat(free.get("retention").asText()).isEqualTo("P30D");
        assertThat(free.get("quotaBytes").asLong()).isEqualTo(200L * 1024 * 1024);
        assertThat(c.get("plans").get(2).get("retention").isNull()).isTrue();
        assertThat(c.get("prices")).anySatisfy(p -> {
            assertThat(p.get("provider").asText()).isEqualTo("google");
            assertThat(p.get("period").asText()).isEqualTo("year");
            assertThat(p.get("planId").asText()).isEqualTo("standard");
            assertThat(p.get("amountMinor").asLong()).isEqualTo(130_00);
            assertThat(p.get("currency").asText()).isEqualTo("CNY");
        }).anySatisfy(p -> {
            assertThat(p.get("provider").asText()).isEqualTo("apple");
            assertThat(p.get("amountMinor").asLong()).isEqualTo(180_00);
        });
    }

    @Test
    void aNewAccountIsFreeWithNoSubscriptionAndNoHistory() {
        Response r = api.get("v1/subscription", alice.access());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode e = r.json().get("entitlement");
        assertThat(e.get("planId").asText()).isEqualTo("free");
        assertThat(e.get("state").asText()).isEqualTo("free");
        assertThat(e.get("media").asBoolean()).isFalse();
        assertThat(e.get("paidUntil").isNull()).isTrue();
        assertThat(e.get("cutOn").isNull()).isTrue();
        assertThat(r.json().get("subscriptions")).isEmpty();
        assertThat(r.json().get("history")).isEmpty();
    }

    @Test
    void aRedeemedReceiptPaysLapsesIntoReadOnlyAndIsCutToFree() {
        Instant until = yearsFromNow(1);
        String receipt = TestReceipts.issue(aliceId, TestReceipts.STANDARD_YEARLY, now(), until);
        Response r = redeem(alice, receipt);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode e = r.json().get("entitlement");
        assertThat(e.get("planId").asText()).isEqualTo("standard");
        assertThat(e.get("state").asText()).isEqualTo("paid");
        assertThat(e.get("paidUntil").asLong()).isEqualTo(until.toEpochMilli());
        assertThat(e.get("cutOn").asLong()).isEqualTo(until.plus(Duration.ofDays(30)).toEpochMilli());
        JsonNode sub = r.json().get("subscriptions").get(0);
        assertThat(sub.get("provider").asText()).isEqualTo("direct");
        assertThat(sub.get("status").asText()).isEqualTo("active");
        assertThat(r.json().get("history")).extracting(h -> h.get("event").asText()).containsExactly("redeemed");
        assertThat(r.text()).as("the receipt is never repeated").doesNotContain(receipt).doesNotContain(receipt.split("\\.")[2]);

        fx.clock().advance(Duration.between(now(), until).plusDays(1));
        alice = api.signedLogin(alice); // a year on: a new session
        JsonNode lapsed = api.get("v1/subscription", alice.access()).json().get("entitlement");
        assertThat(lapsed.get("state").asText()).isEqualTo("read_only");
        assertThat(lapsed.get("planId").asText()).isEqualTo("standard");
        assertThat(lapsed.get("readOnlyUntil").asLong()).isEqualTo(until.plus(Duration.ofDays(30)).toEpochMilli());

        fx.clock().advance(Duration.ofDays(30));
        alice = api.signedLogin(alice);
        JsonNode cut = api.get("v1/subscription", alice.access()).json().get("entitlement");
        assertThat(cut.get("state").asText()).isEqualTo("free");
        assertThat(cut.get("planId").asText()).isEqualTo("free");
        assertThat(cut.get("paidUntil").asLong()).isEqualTo(until.toEpochMilli());

        // Re-subscribing: a new receipt starts a new paid time.
        Response again = redeem(alice, TestReceipts.issue(aliceId, TestReceipts.FOREVER_YEARLY, now(), yearsFromNow(1)));
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("entitlement").get("planId").asText()).isEqualTo("forever");
        assertThat(again.json().get("subscriptions")).hasSize(2);
    }

    @Test
    void theSameReceiptTwiceIsIdempotentForItsAccountAndRefusedForAnother() {
        String receipt = TestReceipts.issue(aliceId, TestReceipts.STANDARD_YEARLY, now(), yearsFromNow(1));
        Response first = redeem(alice, receipt);
        Response second = redeem(alice, receipt);
        assertThat(second.status()).as(second.text()).isEqualTo(200);
        assertThat(second.json().get("subscriptions")).isEqualTo(first.json().get("subscriptions"));
        assertThat(second.json().get("history")).as("nothing new happened").hasSize(1);

        // The same receipt id issued to bob (an operator's mistake, or a replayed id): redeemed once, across accounts.
        Session bob = api.newSession("bob");
        String bobId = Api.signerOf(bob).accountId();
        ReceiptClaims sameId = new ReceiptClaims(TestReceipts.ISSUER, subscriptionReceiptId(receipt), bobId, TestReceipts.STANDARD_YEARLY,
                now(), yearsFromNow(1), now());
        assertError(redeem(bob, new ReceiptIssuer(TestReceipts.keys().getPrivate()).issue(sameId)), 409, "purchase_already_redeemed");
        assertError(redeem(bob, receipt), 400, "invalid_purchase");
        assertThat(api.get("v1/subscription", bob.access()).json().get("subscriptions")).isEmpty();
    }

    @Test
    void refusalsAreClearAndChangeNothing() {
        assertError(redeem(alice, "not a receipt"), 400, "invalid_purchase");
        String other = new ReceiptIssuer(TestReceipts.newKeyPair("EC").getPrivate()).issue(new ReceiptClaims(TestReceipts.ISSUER, "r-1", aliceId,
                TestReceipts.STANDARD_YEARLY, now(), yearsFromNow(1), now()));
        Response wrongKey = redeem(alice, other);
        assertError(wrongKey, 400, "invalid_purchase");
        assertThat(wrongKey.json().get("message").asText()).contains("signature");
        assertError(redeem(alice, TestReceipts.issue(aliceId, "no.such.product", now(), yearsFromNow(1))), 422, "unknown_product");
        assertThat(api.get("v1/subscription", alice.access()).json().get("subscriptions")).isEmpty();
    }

    @Test
    void aServerWithoutDirectReceiptsSaysSo() {
        fx.close();
        fx = new ServerFixture(dir.resolve("plain"));
        api = fx.api();
        Session carol = api.newSession("carol");
        assertError(api.post("v1/subscription/direct", carol.access(), Map.of("receipt", "x")), 501, "billing_not_configured");
    }

    private static String subscriptionReceiptId(String receipt) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(receipt).getJWTClaimsSet().getJWTID();
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
