package org.chatvault.server.billing.apple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.chatvault.server.billing.AppleStoreSettings;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.billing.VerifiedPurchase;
import org.chatvault.server.testing.AppleTestStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed transactions through Apple's own verifier, over a chain this test made: what verifies is mapped
 * onto the model, and each way of forging one is refused.
 */
class ApplePurchaseVerifierTest {
    private static final Instant BOUGHT = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant NOW = BOUGHT.plusSeconds(60);
    private static final String PRODUCT = "chatvault.standard.yearly";
    private static final AppleTestStore APPLE = AppleTestStore.shared();

    @TempDir Path dir;
    private ApplePurchaseVerifier verifier;
    private final String account = UUID.randomUUID().toString();
    private String chain;

    @BeforeEach
    void trustTheTestRoot() {
        verifier = verifierFor(APPLE.settings(dir));
        chain = AppleTestStore.newTransactionId();
    }

    private static ApplePurchaseVerifier verifierFor(AppleStoreSettings settings) {
        return new ApplePurchaseVerifier(new AppleSignedData(settings), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Map<String, Object> claims() {
        return AppleTestStore.transaction(chain, PRODUCT, UUID.fromString(account), BOUGHT, BOUGHT.plusSeconds(365L * 24 * 3600));
    }

    @Test
    void aSignedTransactionForThisAccountIsMappedOntoThePurchaseChain() {
        VerifiedPurchase p = verifier.verify(account, APPLE.sign(claims()));
        assertThat(p).isEqualTo(new VerifiedPurchase(Provider.APPLE, chain, account, PRODUCT, SubscriptionStatus.ACTIVE, BOUGHT,
                BOUGHT.plusSeconds(365L * 24 * 3600), null, null));
    }

    @Test
    void aRenewalKeepsTheChainsIdAndFirstPurchaseAndMovesPaidUntil() {
        Map<String, Object> c = claims();
        Instant renewed = BOUGHT.plusSeconds(30L * 24 * 3600);
        c.put("purchaseDate", renewed.toEpochMilli());
        c.put("expiresDate", renewed.plusSeconds(365L * 24 * 3600).toEpochMilli());
        VerifiedPurchase p = new ApplePurchaseVerifier(new AppleSignedData(APPLE.settings(dir)), Clock.fixed(renewed, ZoneOffset.UTC))
                .verify(account, APPLE.sign(c));
        assertThat(p.providerId()).isEqualTo(chain);
        assertThat(p.startedAt()).isEqualTo(BOUGHT);
        assertThat(p.paidUntil()).isEqualTo(renewed.plusSeconds(365L * 24 * 3600));
    }

    @Test
    void aRefundedTransactionEndsAtItsRevocationAndAnExpiredOneIsExpired() {
        Map<String, Object> refunded = claims();
        refunded.put("revocationDate", NOW.minusSeconds(10).toEpochMilli());
        refunded.put("revocationReason", 0);
        VerifiedPurchase r = verifier.verify(account, APPLE.sign(refunded));
        assertThat(r.status()).isEqualTo(SubscriptionStatus.REFUNDED);
        assertThat(r.endedAt()).isEqualTo(NOW.minusSeconds(10));

        Map<String, Object> shared = claims();
        shared.put("inAppOwnershipType", "FAMILY_SHARED");
        shared.put("revocationDate", NOW.minusSeconds(5).toEpochMilli());
        assertThat(verifier.verify(account, APPLE.sign(shared)).status()).isEqualTo(SubscriptionStatus.REVOKED);

        Map<String, Object> expired = claims();
        expired.put("expiresDate", NOW.minusSeconds(1).toEpochMilli());
        assertThat(verifier.verify(account, APPLE.sign(expired)).status()).isEqualTo(SubscriptionStatus.EXPIRED);
    }

    @Test
    void aTransactionWithoutATokenIsLinkedToTheAccountThatSendsIt() {
        Map<String, Object> c = claims();
        c.remove("appAccountToken");
        VerifiedPurchase p = verifier.verify(account, APPLE.sign(c));
        assertThat(p.accountId()).isNull(); // SubscriptionService links it to the redeeming account, once
        assertThat(p.providerId()).isEqualTo(chain);
    }

    @Test
    void aTransactionWhoseTokenNamesAnotherAccountIsRefused() {
        String jws = APPLE.sign(claims());
        assertRefused(() -> verifier.verify(UUID.randomUUID().toString(), jws), "another account");
        assertRefused(() -> verifier.verify("not-a-uuid", jws), "another account");
    }

    @Test
    void aWrongBundleIdIsRefused() {
        Map<String, Object> c = claims();
        c.put("bundleId", "com.example.other");
        assertRefused(() -> verifier.verify(account, APPLE.sign(c)), "is for another app");
    }

    @Test
    void aWrongEnvironmentIsRefused() {
        Map<String, Object> c = claims();
        c.put("environment", "Production");
        assertRefused(() -> verifier.verify(account, APPLE.sign(c)), "another App Store environment");
        Map<String, Object> xcode = claims();
        xcode.put("environment", "Xcode");
        assertRefused(() -> verifier.verify(account, APPLE.sign(xcode)), "another App Store environment");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String jws = APPLE.sign(claims());
        String[] parts = jws.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("chatvault.standard.yearly", "chatvault.forever.yearly");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(() -> verifier.verify(account, tampered), "does not verify");
        // The untampered one still verifies: the refusal was the edit's.
        assertThat(verifier.verify(account, jws).productId()).isEqualTo(PRODUCT);
    }

    @Test
    void aLeafWithoutApplesMarkerIsRefused() {
        AppleTestStore unmarked = AppleTestStore.withoutLeafMarker();
        ApplePurchaseVerifier trusting = verifierFor(unmarked.settings(dir));
        assertRefused(() -> trusting.verify(account, unmarked.sign(claims())), "not signed by a certificate chain to Apple's root");
    }

    @Test
    void aChainToAnotherRootIsRefused() {
        AppleTestStore stranger = AppleTestStore.create();
        assertRefused(() -> verifier.verify(account, stranger.sign(claims())), "not signed by a certificate chain to Apple's root");
        // Trusting both roots (Apple publishes more than one) accepts either.
        ApplePurchaseVerifier both = verifierFor(new AppleStoreSettings(AppleTestStore.BUNDLE_ID, AppleTestStore.APP_APPLE_ID, "SANDBOX",
                List.of(APPLE.writeRoot(dir), stranger.writeRoot(dir)), false));
        assertThat(both.verify(account, stranger.sign(claims())).providerId()).isEqualTo(chain);
    }

    @Test
    void somethingThatIsNoJwsOrNoSubscriptionIsRefused() {
        assertRefused(() -> verifier.verify(account, "not a jws"), "does not verify");
        assertRefused(() -> verifier.verify(account, ""), "missing");
        assertRefused(() -> verifier.verify(account, "a".repeat(AppleSignedData.MAX_LENGTH + 1)), "longer than");
        Map<String, Object> lifetime = claims();
        lifetime.remove("expiresDate");
        lifetime.put("type", "Non-Consumable");
        assertRefused(() -> verifier.verify(account, APPLE.sign(lifetime)), "not an auto-renewable subscription");
    }

    @Test
    void withOnlineChecksARevocationStatusThatCannotBeLearnedIsWorthRetryingNotAForgery() throws java.io.IOException {
        // The chain names an OCSP responder on a local port nothing listens on: Apple's unreachable, without the network.
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        AppleTestStore unreachable = AppleTestStore.withOcspResponder("http://127.0.0.1:" + closedPort + "/ocsp");
        ApplePurchaseVerifier online = verifierFor(new AppleStoreSettings(AppleTestStore.BUNDLE_ID, AppleTestStore.APP_APPLE_ID, "SANDBOX",
                List.of(unreachable.writeRoot(dir)), true));
        assertThatThrownBy(() -> online.verify(account, unreachable.sign(claims()))).isInstanceOf(BillingException.ProviderUnavailable.class)
                .hasMessageContaining("try again");
        // Offline, the same chain verifies: the refusal was the status check's.
        ApplePurchaseVerifier offline = verifierFor(new AppleStoreSettings(AppleTestStore.BUNDLE_ID, AppleTestStore.APP_APPLE_ID, "SANDBOX",
                List.of(unreachable.writeRoot(dir)), false));
        assertThat(offline.verify(account, unreachable.sign(claims())).providerId()).isEqualTo(chain);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
        assertThatThrownBy(call).isInstanceOf(BillingException.InvalidPurchase.class).hasMessageContaining(why)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("eyJ")); // never repeats a payload
    }
}
