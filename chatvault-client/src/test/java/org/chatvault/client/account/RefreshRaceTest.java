package org.chatvault.client.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.ChatvaultServer;
import org.chatvault.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clients of one device (a watching sync and a command, say) find the access token expired
 * at the same time. The server ends a device's sessions when a refresh token is used twice, so
 * the profile lets only one of them trade it; the other takes the new tokens from the profile.
 */
class RefreshRaceTest {
    private static final Argon2Params CHEAP = new Argon2Params(64, 1, 1);
    @TempDir Path dir;

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(ZoneId zone) { return this; }

        @Override public Instant instant() { return now.get(); }
    }

    @Test
    void twoClientsOfOneDeviceRefreshOnceAndBothGoOn() {
        MovableClock clock = new MovableClock();
        try (ChatvaultServer server = ChatvaultServer.start(ServerConfig.forTesting(dir.resolve("server")), clock)) {
            ProfileStore profiles = new ProfileStore(dir.resolve("phone"));
            new AccountService(profiles, new SecureRandom(), CHEAP).create(server.baseUri(), "ann", "pw".toCharArray(), null).session().close();
            try (Session watcher = new AccountService(profiles).resume(); Session command = new AccountService(profiles).resume()) {
                String before = profiles.require().tokens().refreshToken();
                clock.now.updateAndGet(t -> t.plus(Duration.ofMinutes(16))); // both access tokens have expired
                assertThat(watcher.api().usage().version()).isZero();      // refreshes, and saves the new pair
                String after = profiles.require().tokens().refreshToken();
                assertThat(after).isNotEqualTo(before);
                assertThat(command.api().usage().version()).isZero();      // finds the pair on disk: no second trade
                assertThat(profiles.require().tokens().refreshToken()).isEqualTo(after);
                assertThat(watcher.api().usage().version()).isZero();      // and the device's sessions live on
                assertThat(watcher.api().tokens().accessToken()).isEqualTo(command.api().tokens().accessToken());
            }
        }
    }
}
