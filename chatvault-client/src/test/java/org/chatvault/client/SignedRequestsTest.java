package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupService;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.client.local.LocalStore;
import org.chatvault.core.crypto.LoginSecret;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.billing.UnmeteredPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client signs its vault requests on the server's time, and a session that knows only the password cannot use the vault. */
class SignedRequestsTest {
    @TempDir Path dir;

    /** The server's clock: the real time moved by an offset the test sets, as a server (or phone) whose clock is off. */
    private static final class SkewedClock extends Clock {
        final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);

        @Override public Instant instant() { return Instant.now().plus(skew.get()); }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    private AccountService accounts(String device) {
        return new AccountService(new ProfileStore(dir.resolve(device)), new SecureRandom(), TestVault.CHEAP);
    }

    @Test
    void aClientWhoseClockIsHoursOffSignsOnTheServersTimeAndRelearnsItWhenTheServerMoves() throws Exception {
        SkewedClock clock = new SkewedClock();
        clock.skew.set(Duration.ofHours(3));
        try (ChatvaultServer server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")).withBilling(UnmeteredPlans.billing()), clock)) {
            AccountService.Created created = accounts("phone").create(server.baseUri(), "olga", "pw".toCharArray(), null);
            try (Session s = created.session(); LocalStore store = LocalStore.open(dir.resolve("phone").resolve("local.db"))) {
                TestVault.generate(store, 7, 3, 200);
                new BackupService(s, store, Clock.systemUTC()).run(BackupListener.NONE);
                long version = s.api().head().version();
                assertThat(version).isPositive();

                // The server's clock jumps: the offset learnt at login is now wrong by an hour.
                clock.skew.set(Duration.ofHours(-1));
                assertThat(s.api().head().version()).isEqualTo(version);
                assertThat(s.api().keySlots()).extracting(k -> k.slotId()).contains("recovery");
            }
            // A device resuming from its profile signs too.
            try (Session again = accounts("phone").resume()) {
                assertThat(again.api().head().version()).isPositive();
            }
        }
    }

    @Test
    void thePasswordAloneReachesUsageAndKeySlotsButNotTheVault() {
        try (TestVault vault = new TestVault(dir)) {
            vault.create("phone", "pavel").session().close();
            VaultApi thief = new VaultApi(vault.uri());
            thief.login("pavel", LoginSecret.derivedBase64("pavel", "correct horse".toCharArray()));
            assertThat(thief.keySlots()).isNotEmpty();
            assertThat(thief.usage()).isNotNull();
            assertThatThrownBy(thief::head).isInstanceOfSatisfying(ServerRefusedException.class, e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.code()).isEqualTo("signature_required");
            });
            assertThatThrownBy(() -> thief.deleteKeySlot("recovery")).isInstanceOfSatisfying(ServerRefusedException.class,
                    e -> assertThat(e.code()).isEqualTo("signature_required"));
            assertThatThrownBy(() -> thief.putKeySlot("recovery", "recovery", "AAAA")).isInstanceOfSatisfying(ServerRefusedException.class,
                    e -> assertThat(e.code()).isEqualTo("signature_required"));
            assertThat(thief.keySlots()).extracting(k -> k.slotId()).contains("recovery");
        }
    }

    @Test
    void aClosedSessionNoLongerSigns() {
        try (TestVault vault = new TestVault(dir)) {
            Session s = vault.create("phone", "rita").session();
            VaultApi api = s.api();
            assertThat(api.head().version()).isZero();
            s.close();
            assertThatThrownBy(api::head).isInstanceOfSatisfying(ServerRefusedException.class,
                    e -> assertThat(e.code()).isEqualTo("signature_required"));
            assertThat(api.keySlots()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(List.of(api.usage())).hasSize(1);
        }
    }
}
