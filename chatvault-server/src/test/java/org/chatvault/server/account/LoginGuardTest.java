package org.chatvault.server.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.crypto.MasterKey;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.device.DeviceService;
import org.chatvault.server.abuse.AbuseException;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.LocalBucketStore;
import org.chatvault.server.abuse.Rate;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.abuse.RateLimits;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login guard through {@link AccountService}: a login proven to come from a known device is
 * not locked out by someone else's failures on the name, yet has a failure count of its own.
 */
class LoginGuardTest {
    private static final LoginThrottlePolicy THROTTLE = new LoginThrottlePolicy(3, Duration.ofMinutes(15), Duration.ofMinutes(15));
    private static final String ADDRESS = "198.51.100.7";

    @TempDir Path dir;
    private final MutableClock clock = MutableClock.startingAt("2024-05-01T09:00:00Z");
    private SqlStores stores;
    private AccountService accounts;
    private final String secret = newSecret();

    @BeforeEach
    void open() {
        stores = SqlStores.sqlite(dir.resolve("metadata.db"));
        AbuseLimits limits = AbuseLimits.defaults().withRates(RateLimit.LOGIN,
                new AbuseLimits.Rates(Rate.of(100, Duration.ofMinutes(1)), Rate.of(5, Duration.ofMinutes(1))));
        SecureRandom random = new SecureRandom();
        AuditLog audit = new AuditLog(stores.audit(), clock);
        DeviceService devices = new DeviceService(stores.devices(), stores.accounts(), new KeySlotService(stores.accounts(), clock, audit),
                audit, clock, random);
        accounts = new AccountService(stores.accounts(), clock, Duration.ofHours(1), Duration.ofDays(1), new Argon2Params(64, 1, 1),
                THROTTLE, random, devices, audit, new RateLimits(limits, new LocalBucketStore(clock)), limits.newHashQueue());
        try (MasterKey mk = MasterKey.generate(random); VaultSigningKey signing = mk.deriveSigningKey()) {
            accounts.register("owner", secret, Base64.getEncoder().encodeToString(signing.publicKey()), ADDRESS);
        }
    }

    /** A login from {@code address} as a new device, which proves nothing but its password. */
    private SessionTokens login(String loginSecret, String address) {
        return accounts.login("owner", loginSecret, DeviceHello.NEW, address);
    }

    /** A login presenting a device the server knows, with the credential it issued to it. */
    private SessionTokens login(String loginSecret, DeviceHello device) {
        return accounts.login("owner", loginSecret, device, ADDRESS);
    }

    /** A device made by a successful login, as it presents itself later. */
    private DeviceHello knownDevice() {
        SessionTokens t = login(secret, ADDRESS);
        return new DeviceHello(t.deviceId(), t.deviceCredential(), null, null);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void aKnownDeviceLogsInWhileTheNameIsLockedByOthers() {
        DeviceHello device1 = knownDevice();
        for (int i = 0; i < THROTTLE.maxFailures(); i++) {
            try {
                login(newSecret(), "203.0.113." + i);
            } catch (AccountException e) {
                // 401, then 429 for the last
            }
        }
        assertThatThrownBy(() -> login(secret, ADDRESS))
                .isInstanceOf(AccountException.LoginThrottled.class);
        // Someone else's failures, and their use of the name's rate, do not stop the owner's device.
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> login(newSecret(), "203.0.113.99"))
                    .isInstanceOfAny(AccountException.LoginThrottled.class, AbuseException.RateLimited.class);
        }
        assertThat(login(secret, device1).accessToken()).isNotBlank();
        // The name stays locked for everyone else.
        assertThatThrownBy(() -> login(secret, ADDRESS))
                .isInstanceOfAny(AccountException.LoginThrottled.class, AbuseException.RateLimited.class);
    }

    @Test
    void aKnownDeviceHasAFailureCountOfItsOwn() {
        DeviceHello device = knownDevice();
        DeviceHello device3 = knownDevice();
        for (int i = 1; i < THROTTLE.maxFailures(); i++)
            assertThatThrownBy(() -> login(newSecret(), device)).isInstanceOf(AccountException.BadCredentials.class);
        assertThatThrownBy(() -> login(newSecret(), device)).isInstanceOf(AccountException.LoginThrottled.class);
        assertThatThrownBy(() -> login(secret, device)).as("locked, right secret or not")
                .isInstanceOf(AccountException.LoginThrottled.class);
        // The device's failures are its own: the name, and other devices, are not locked.
        assertThat(login(secret, device3).accessToken()).isNotBlank();
        assertThat(login(secret, ADDRESS).accessToken()).isNotBlank();
        clock.advance(THROTTLE.block());
        assertThat(login(secret, device).accessToken()).isNotBlank();
    }

    @Test
    void theLastAllowedAttemptSucceedsWithTheRightSecret() {
        for (int i = 1; i < THROTTLE.maxFailures(); i++)
            assertThatThrownBy(() -> login(newSecret(), ADDRESS)).isInstanceOf(AccountException.BadCredentials.class);
        assertThat(login(secret, ADDRESS).accessToken()).as("the 3rd attempt, right").isNotBlank();
        // ... and the success cleared the count.
        for (int i = 1; i < THROTTLE.maxFailures(); i++)
            assertThatThrownBy(() -> login(newSecret(), ADDRESS)).isInstanceOf(AccountException.BadCredentials.class);
    }

    private static String newSecret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
