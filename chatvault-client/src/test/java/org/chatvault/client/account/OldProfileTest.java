package org.chatvault.client.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chatvault.client.ClientException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile written before device keys (it kept a device secret) asks its user to log in again, in words, before any call. */
class OldProfileTest {
    @TempDir Path home;

    @Test
    void aProfileWithADeviceSecretSaysLogInAgain() throws Exception {
        Files.writeString(home.resolve("profile.json"), """
                {"server": "http://127.0.0.1:1", "username": "ann", "deviceSlotId": "device-0a1b2c3d4e5f",
                 "deviceSecret": "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8=",
                 "tokens": {"accessToken": "a", "accessExpiresAt": 1, "refreshToken": "r", "refreshExpiresAt": 2}}""");
        ProfileStore profiles = new ProfileStore(home);
        Profile old = profiles.require();
        assertThat(old.username()).isEqualTo("ann");
        assertThat(old.deviceKey()).isNull();
        assertThat(old.toString()).doesNotContain("QEFC");
        // port 1 is never reached: the profile is refused first
        assertThatThrownBy(() -> new AccountService(profiles).resume()).isInstanceOf(ClientException.class)
                .hasMessageContaining("older version").hasMessageContaining("log in again").hasMessageContaining("chatvault device request");
    }
}
