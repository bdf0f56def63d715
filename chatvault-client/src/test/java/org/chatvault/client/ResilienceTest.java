package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import org.chatvault.client.account.AccountService;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.account.Session;
import org.chatvault.client.backup.BackupListener;
import org.chatvault.client.backup.BackupOptions;
import org.chatvault.client.backup.BackupReport;
import org.chatvault.client.backup.BackupService;
import org.chatvault.protocol.account.IssuedTokens;
import org.chatvault.protocol.vault.VaultUsage;
import org.chatvault.client.http.RetryPolicy;
import org.chatvault.client.http.VaultApi;
import org.chatvault.client.local.LocalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResilienceTest {
    @TempDir Path dir;

    /** Resumes the device's session but talks to the server through {@code via}. */
    private static Session sessionVia(TestVault vault, String device, java.net.URI via) {
        ProfileStore profiles = new ProfileStore(vault.dir.resolve(device));
        var p = profiles.require();
        profiles.save(p.withServer(via.toString()));
        return new AccountService(profiles).resume();
    }

    @Test
    void backupCutOffMidwayResumesWithoutReuploadingWhatLanded() throws Exception {
        try (TestVault vault = new TestVault(dir)) {
            vault.create("phone", "frank").session().close();
            try (LocalStore store = vault.store("phone")) {
                TestVault.generate(store, 99, 60, 60_000);
                long uploadedBeforeCut;
                try (FlakyProxy proxy = new FlakyProxy(vault.uri(), 2_500_000); Session viaProxy = sessionVia(vault, "phone", proxy.uri())) {
                    // Small batches, so several land before the cut, as they would in a large backup.
                    assertThatThrownBy(() -> new BackupService(viaProxy, store, Clock.systemUTC(), new BackupOptions(256 * 1024, 4_000))
                            .run(BackupListener.NONE))
                            .isInstanceOf(ClientException.class);
                    assertThat(proxy.wasCut()).isTrue();
                }
                try (Session direct = sessionVia(vault, "phone", vault.uri())) {
                    VaultUsage landed = direct.api().usage();
                    uploadedBeforeCut = landed.objects();
                    assertThat(landed.version()).as("nothing was committed").isZero();
                    assertThat(uploadedBeforeCut).as("some batches landed before the cut").isPositive();
                    BackupReport resumed = new BackupService(direct, store, Clock.systemUTC()).run(BackupListener.NONE);
                    assertThat(resumed.objectsAlreadyPresent()).isEqualTo(uploadedBeforeCut);
                    VaultUsage after = direct.api().usage();
                    assertThat(after.objects()).isEqualTo(uploadedBeforeCut + resumed.objectsUploaded());
                    assertThat(after.version()).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void unknownTokenIsRefused() {
        try (TestVault vault = new TestVault(dir)) {
            VaultApi api = new VaultApi(vault.uri(), RetryPolicy.NONE);
            api.useTokens(new IssuedTokens("bm90LWEtdG9rZW4", Long.MAX_VALUE, "bm90LWEtdG9rZW4", Long.MAX_VALUE, null, 0, null, null), null);
            assertThatThrownBy(api::head).isInstanceOf(org.chatvault.client.http.ServerRefusedException.class)
                    .satisfies(e -> assertThat(((org.chatvault.client.http.ServerRefusedException) e).status()).isEqualTo(401));
        }
    }
}
