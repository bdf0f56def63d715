package org.chatvault.server.billing.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.androidpublisher.model.SubscriptionPurchaseV2;
import java.io.IOException;
import java.time.Instant;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;
import org.chatvault.server.testing.FakeGooglePlay.Recorded;
import org.junit.jupiter.api.Test;

/** Recorded {@code SubscriptionPurchaseV2} answers, parsed as the client parses them, onto the model. */
class PlayPurchaseMappingTest {
    private static SubscriptionPurchaseV2 parse(Recorded r) {
        try {
            return GsonFactory.getDefaultInstance().fromString(r.json(), SubscriptionPurchaseV2.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anActivePurchaseMapsItsTokenProductTimesAndAccountLink() {
        PlayPurchase p = PlayPurchaseMapping.map("tok-1", parse(Recorded.of("subscriptionsv2-active.json")), null);
        VerifiedPurchase v = p.purchase();
        assertThat(v.provider()).isEqualTo(Provider.GOOGLE);
        assertThat(v.providerId()).isEqualTo("tok-1");
        assertThat(v.accountId()).isEqualTo("ACCOUNT_ID");
        assertThat(v.productId()).isEqualTo("chatvault.standard.yearly");
        assertThat(v.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(v.startedAt()).isEqualTo(Instant.parse("2024-01-15T09:58:51.412Z"));
        assertThat(v.paidUntil()).isEqualTo(Instant.parse("2025-01-15T09:58:51.412Z"));
        assertThat(v.storeGraceUntil()).isNull();
        assertThat(v.endedAt()).isNull();
        assertThat(p.acknowledged()).isFalse();
        assertThat(p.linkedPurchaseToken()).isNull();
    }

    @Test
    void graceCarriesItsEndAndTheReplacedChain() {
        PlayPurchase p = PlayPurchaseMapping.map("tok-2", parse(Recorded.of("subscriptionsv2-grace.json")), "chatvault.standard.monthly");
        assertThat(p.purchase().status()).isEqualTo(SubscriptionStatus.STORE_GRACE);
        assertThat(p.purchase().storeGraceUntil()).isEqualTo(Instant.parse("2024-03-22T08:30:00Z"));
        assertThat(p.acknowledged()).isTrue();
        assertThat(p.linkedPurchaseToken()).isEqualTo("ocnhbdclgkpkbflgdfmcdjhh.AO-J1Oy2old7Xq9v0sOWr3yZ5Ah4Tq");
    }

    @Test
    void everyGrantingStateHasItsStatus() {
        Recorded base = Recorded.of("subscriptionsv2-active.json");
        assertThat(PlayPurchaseMapping.map("t", parse(base.state("CANCELED")), null).purchase().status()).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(PlayPurchaseMapping.map("t", parse(base.state("ON_HOLD")), null).purchase().status()).isEqualTo(SubscriptionStatus.ON_HOLD);
        assertThat(PlayPurchaseMapping.map("t", parse(base.state("PAUSED")), null).purchase().status()).isEqualTo(SubscriptionStatus.ON_HOLD);
        assertThat(PlayPurchaseMapping.map("t", parse(base.state("EXPIRED")), null).purchase().status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(PlayPurchaseMapping.map("t", parse(base.account(null)), null).purchase().accountId()).isNull();
    }

    @Test
    void whatGrantsNothingOrIsOfAnotherProductIsRefused() {
        assertThatThrownBy(() -> PlayPurchaseMapping.map("t", parse(Recorded.of("subscriptionsv2-pending.json")), null))
                .isInstanceOf(BillingException.InvalidPurchase.class).hasMessageContaining("pending");
        Recorded base = Recorded.of("subscriptionsv2-active.json");
        assertThatThrownBy(() -> PlayPurchaseMapping.map("t", parse(base.state("PENDING_PURCHASE_CANCELED")), null))
                .isInstanceOf(BillingException.InvalidPurchase.class);
        assertThatThrownBy(() -> PlayPurchaseMapping.map("t", parse(base.state("UNSPECIFIED")), null))
                .isInstanceOf(BillingException.InvalidPurchase.class);
        assertThatThrownBy(() -> PlayPurchaseMapping.map("t", parse(base), "chatvault.forever.yearly"))
                .isInstanceOf(BillingException.InvalidPurchase.class).hasMessageContaining("chatvault.forever.yearly");
    }

    @Test
    void ofSeveralLineItemsTheOneTheAppNamesOrElseTheLongestCounts() {
        Recorded base = Recorded.of("subscriptionsv2-active.json");
        com.fasterxml.jackson.databind.node.ObjectNode n = base.node().deepCopy();
        com.fasterxml.jackson.databind.node.ObjectNode addOn = ((com.fasterxml.jackson.databind.node.ObjectNode) n.get("lineItems").get(0)).deepCopy();
        addOn.put("productId", "chatvault.forever.monthly").put("expiryTime", "2024-02-15T09:58:51.412Z");
        ((com.fasterxml.jackson.databind.node.ArrayNode) n.get("lineItems")).insert(0, addOn);
        SubscriptionPurchaseV2 two = parse(new Recorded(n));
        assertThat(PlayPurchaseMapping.map("t", two, null).purchase().productId()).isEqualTo("chatvault.standard.yearly");
        assertThat(PlayPurchaseMapping.map("t", two, "chatvault.forever.monthly").purchase().paidUntil())
                .isEqualTo(Instant.parse("2024-02-15T09:58:51.412Z"));
    }

    @Test
    void tokensThatCannotBePlayTokensAreRefusedBeforePlayIsAsked() {
        for (String bad : new String[] {null, "", " ", "a/b", "a?b=c", "a%2F", "x".repeat(GooglePurchaseVerifier.MAX_TOKEN_LENGTH + 1)})
            assertThatThrownBy(() -> GooglePurchaseVerifier.checkToken(bad)).as(String.valueOf(bad)).isInstanceOf(BillingException.InvalidPurchase.class);
        GooglePurchaseVerifier.checkToken("ocnhbdclgkpkbflgdfmcdjhh.AO-J1Oy2old7Xq9v0sOWr3yZ5Ah4Tq_x");
    }
}
