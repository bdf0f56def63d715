package org.chatvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.chatvault.client.account.PassphrasePolicy;
import org.chatvault.client.account.ProfileStore;
import org.chatvault.client.http.ServerRefusedException;
import org.chatvault.client.http.VaultApi;
import org.chatvault.core.crypto.LoginSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refused passphrase stops {@code init} before the account exists: nothing to clean up, the name still free. */
class PassphraseRefusalTest {
    @TempDir Path dir;

    @Test
    void aPassphraseEqualToThePasswordCreatesNoAccount() {
        try (TestVault vault = new TestVault(dir)) {
            assertThatThrownBy(() -> vault.accounts("phone").create(vault.uri(), "uma", "violet harbour misty kettle".toCharArray(),
                    "violet harbour misty kettle".toCharArray()))
                    .isInstanceOf(PassphrasePolicy.Refused.class).hasMessageContaining("same as your login password");
            assertThat(new ProfileStore(dir.resolve("phone")).load()).as("no device profile written").isEmpty();
            String secret = LoginSecret.derivedBase64("uma", "violet harbour misty kettle".toCharArray());
            assertThatThrownBy(() -> new VaultApi(vault.uri()).login("uma", secret)).as("the account was never registered")
                    .isInstanceOfSatisfying(ServerRefusedException.class, e -> assertThat(e.status()).isEqualTo(401));

            assertThatThrownBy(() -> vault.accounts("phone").create(vault.uri(), "uma", "correct horse".toCharArray(), "letmein".toCharArray()))
                    .isInstanceOf(PassphrasePolicy.Refused.class).hasMessageContaining("too easy to guess");
            vault.create("phone", "uma").session().close(); // the name is still free for a good passphrase
        }
    }
}
