package org.chatvault.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.abuse.RateLimits;

/**
 * Everything a login or registration must pass before the server spends an Argon2id hash on it,
 * in this order: the rate limits per address and per username (429), a place in the bounded hash
 * queue (503), and for a login one attempt reserved in the failed-login count (429). The attempt
 * is counted <em>before</em> the hash, atomically in the metadata database that every instance
 * shares, so parallel guesses gain nothing: of a burst of wrong secrets at most
 * {@link LoginThrottlePolicy#maxFailures()} are ever hashed, and once a name is blocked even the
 * right secret is refused until the block ends.
 *
 * <p>A login proven to come from a known device ({@link LoginOrigin#knownDevice()}) skips the
 * per-username rate and counts its failures under a key of its own device, so someone else's
 * failures on the name cannot lock its owner's devices out.
 */
final class LoginGuard {
    /** Separates a device's own failed-login count from the name's; '/' never occurs in a username. */
    private static final String DEVICE_KEY = "/device/";

    private final AccountStore store;
    private final RateLimits limits;
    private final LoginThrottlePolicy throttle;
    private final LoginSecretHasher hasher;
    private final Clock clock;

    LoginGuard(AccountStore store, RateLimits limits, LoginThrottlePolicy throttle, LoginSecretHasher hasher, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.throttle = throttle;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Lets one login to {@code usernameKey} through to its hash, counting it as a failure until it
     * {@link Attempt#succeeded() succeeds}.
     *
     * @throws org.chatvault.server.abuse.AbuseException.RateLimited a rate is used up
     * @throws org.chatvault.server.abuse.AbuseException.ServerBusy the hash queue is full
     * @throws AccountException.LoginThrottled the name (or this device) has had too many failures
     */
    Attempt admitLogin(String usernameKey, LoginOrigin origin) {
        limits.check(RateLimit.LOGIN, origin.clientAddress(), origin.knownDevice() ? null : usernameKey);
        LoginSecretHasher.Slot slot = hasher.admit(origin.clientAddress());
        try {
            String throttleKey = origin.knownDevice() ? usernameKey + DEVICE_KEY + origin.knownDeviceId() : usernameKey;
            Instant now = clock.instant();
            LoginReservation r = store.reserveLoginAttempt(throttleKey, now, throttle);
            if (!r.admitted()) throw throttled(r.blockedUntil().orElseThrow(), now);
            return new Attempt(throttleKey, r, slot, now);
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    /**
     * Lets one registration of {@code usernameKey} through to its hash.
     *
     * @throws org.chatvault.server.abuse.AbuseException.RateLimited a rate is used up
     * @throws org.chatvault.server.abuse.AbuseException.ServerBusy the hash queue is full
     */
    LoginSecretHasher.Slot admitRegistration(String usernameKey, String clientAddress) {
        limits.check(RateLimit.REGISTER, clientAddress, usernameKey);
        return hasher.admit(clientAddress);
    }

    /** A login admitted to its hash. Close it when done (it holds a place in the hash queue). */
    final class Attempt implements AutoCloseable {
        private final String throttleKey;
        private final LoginReservation reservation;
        private final LoginSecretHasher.Slot slot;
        private final Instant admittedAt;

        private Attempt(String throttleKey, LoginReservation reservation, LoginSecretHasher.Slot slot, Instant admittedAt) {
            this.throttleKey = throttleKey;
            this.reservation = reservation;
            this.slot = slot;
            this.admittedAt = admittedAt;
        }

        /** Where the one hash of this login is computed. */
        LoginSecretHasher.Slot hasher() { return slot; }

        /** The secret was right: the failures counted on the name (or device) are forgotten. */
        void succeeded() {
            store.clearLoginFailures(throttleKey);
        }

        /** The refusal for a wrong secret: 401, or 429 when this attempt was the last one allowed. */
        AccountException failed() {
            return reservation.blockedUntil().<AccountException>map(until -> throttled(until, admittedAt))
                    .orElseGet(AccountException.BadCredentials::new);
        }

        @Override
        public void close() {
            slot.close();
        }
    }

    private static AccountException throttled(Instant until, Instant now) {
        return new AccountException.LoginThrottled(Duration.between(now, until));
    }
}
