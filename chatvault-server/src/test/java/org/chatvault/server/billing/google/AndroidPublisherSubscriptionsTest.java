package org.chatvault.server.billing.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.androidpublisher.model.SubscriptionPurchaseV2;
import java.nio.file.Files;
import java.nio.file.Path;
import org.chatvault.server.billing.BillingException;
import org.chatvault.server.billing.GooglePlaySettings;
import org.chatvault.server.testing.FakeGooglePlay;
import org.chatvault.server.testing.FakeGooglePlay.Recorded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official client against recorded Play answers on a loopback server: it authorises with the service account
 * (the fake checks the signed assertion and the bearer token), parses {@code SubscriptionPurchaseV2}, acknowledges,
 * and its failures become billing refusals that never repeat the token.
 */
class AndroidPublisherSubscriptionsTest {
    @TempDir Path dir;
    private FakeGooglePlay google;
    private AndroidPublisherSubscriptions play;

    @BeforeEach
    void start() {
        google = new FakeGooglePlay();
        play = AndroidPublisherSubscriptions.open(google.settings(dir));
    }

    @AfterEach
    void stop() {
        google.close();
    }

    @Test
    void readsARecordedSubscriptionWithEveryFieldTheMappingUses() {
        google.purchase("tok-grace", Recorded.of("subscriptionsv2-grace.json"));
        SubscriptionPurchaseV2 p = play.get("tok-grace");
        assertThat(p.getSubscriptionState()).isEqualTo("SUBSCRIPTION_STATE_IN_GRACE_PERIOD");
        assertThat(p.getStartTime()).isEqualTo("2024-01-15T08:30:00Z");
        assertThat(p.getLineItems()).singleElement().satisfies(i -> {
            assertThat(i.getProductId()).isEqualTo("chatvault.standard.monthly");
            assertThat(i.getExpiryTime()).isEqualTo("2024-03-22T08:30:00Z");
            assertThat(i.getAutoRenewingPlan().getAutoRenewEnabled()).isTrue();
        });
        assertThat(p.getLinkedPurchaseToken()).isEqualTo("ocnhbdclgkpkbflgdfmcdjhh.AO-J1Oy2old7Xq9v0sOWr3yZ5Ah4Tq");
        assertThat(p.getAcknowledgementState()).isEqualTo("ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED");
        assertThat(p.getExternalAccountIdentifiers().getObfuscatedExternalAccountId()).isEqualTo("ACCOUNT_ID");
        assertThat(google.requests()).containsExactly("GET subscriptionsv2/tokens/tok-grace");

        google.purchase("tok-canceled", Recorded.of("subscriptionsv2-canceled.json"));
        assertThat(play.get("tok-canceled").getCanceledStateContext().getUserInitiatedCancellation().getCancelTime())
                .isEqualTo("2024-06-02T13:14:15.000Z");
    }

    @Test
    void acknowledgesThroughTheSubscriptionsEndpoint() {
        google.purchase("tok-new", Recorded.of("subscriptionsv2-active.json"));
        play.acknowledge("chatvault.standard.yearly", "tok-new");
        assertThat(google.acknowledged()).containsExactly("tok-new");
        assertThat(google.requests()).containsExactly("POST subscriptions/chatvault.standard.yearly/tokens/tok-new:acknowledge");
        assertThat(play.get("tok-new").getAcknowledgementState()).isEqualTo("ACKNOWLEDGEMENT_STATE_ACKNOWLEDGED");
    }

    @Test
    void failuresBecomeRefusalsThatNeverRepeatTheToken() {
        assertThatThrownBy(() -> play.get("tok-secret-1")).isInstanceOf(BillingException.InvalidPurchase.class)
                .hasMessageContaining("HTTP 404").hasMessageNotContaining("tok-secret-1").hasNoCause();
        google.failWith(410);
        assertThatThrownBy(() -> play.get("tok-secret-1")).isInstanceOf(BillingException.InvalidPurchase.class);
        google.failWith(403);
        assertThatThrownBy(() -> play.get("tok-secret-1")).isInstanceOf(BillingException.ProviderUnavailable.class)
                .hasMessageContaining("service account").hasMessageNotContaining("tok-secret-1").hasNoCause();
        google.failWith(500);
        assertThatThrownBy(() -> play.acknowledge("p", "tok-secret-1")).isInstanceOf(BillingException.ProviderUnavailable.class)
                .hasMessageContaining("HTTP 500").hasMessageNotContaining("tok-secret-1");
        google.close();
        assertThatThrownBy(() -> play.get("tok-secret-1")).isInstanceOf(BillingException.ProviderUnavailable.class)
                .hasMessageContaining("could not be reached").hasMessageNotContaining("tok-secret-1");
    }

    @Test
    void aServiceAccountKeyThePlayApiRejectsIsAProviderFailureNotTheUsers() throws Exception {
        // A key file of another service account: Google's token endpoint refuses its assertion.
        Path otherDir = Files.createDirectories(dir.resolve("other"));
        GooglePlaySettings s = google.settings(dir);
        Path foreign = google.writeKeyFile(otherDir, "rw-------", FakeGooglePlay.rsa());
        google.purchase("tok-x", Recorded.of("subscriptionsv2-active.json"));
        assertThatThrownBy(() -> AndroidPublisherSubscriptions.open(withKey(s, foreign)).get("tok-x"))
                .isInstanceOf(BillingException.ProviderUnavailable.class).hasMessageNotContaining("tok-x");
        assertThat(google.requests()).isEmpty(); // no token, no call
    }

    @Test
    void theKeyFileMustBeOwnerOnlyAndAServiceAccountKey() throws Exception {
        Path shared = Files.createDirectories(dir.resolve("shared"));
        GooglePlaySettings s = google.settings(dir);
        GooglePlaySettings groupReadable = new GooglePlaySettings(s.packageName(), google.writeKeyFile(shared, "rw-r-----"), s.pushAudience(),
                s.pushServiceAccount(), s.apiRoot(), s.pushCertificates());
        assertThatThrownBy(() -> AndroidPublisherSubscriptions.open(groupReadable)).isInstanceOf(PlaySetupException.class)
                .hasMessageContaining("chmod 600").hasMessageContaining("billing.google.service-account-key");

        Path notAKey = dir.resolve("not-a-key.json");
        Files.writeString(notAKey, "{\"type\":\"authorized_user\",\"private_key\":\"SECRET-MATERIAL\"}");
        Files.setPosixFilePermissions(notAKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> AndroidPublisherSubscriptions.open(withKey(s, notAKey))).isInstanceOf(PlaySetupException.class)
                .hasMessageContaining("not a Google service account JSON key file").hasMessageNotContaining("SECRET-MATERIAL");
        assertThatThrownBy(() -> AndroidPublisherSubscriptions.open(withKey(s, dir.resolve("missing.json")))).isInstanceOf(PlaySetupException.class)
                .hasMessageContaining("does not exist");
    }

    private static GooglePlaySettings withKey(GooglePlaySettings s, Path key) {
        return new GooglePlaySettings(s.packageName(), key, s.pushAudience(), s.pushServiceAccount(), s.apiRoot(), s.pushCertificates());
    }
}
