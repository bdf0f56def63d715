package org.chatvault.server.account;

import java.time.Instant;
import java.util.Optional;

/**
 * The answer of {@link AccountStore#reserveLoginAttempt}.
 *
 * @param admitted     whether this attempt may go on to its hash; it is counted as a failure already
 * @param blockedUntil if admitted: present when this was the last attempt of the window, so that
 *                     if it fails logins stay blocked until then (a success clears it); if refused:
 *                     until when logins to the name are blocked
 */
public record LoginReservation(boolean admitted, Optional<Instant> blockedUntil) {
    public static LoginReservation refused(Instant until) {
        return new LoginReservation(false, Optional.of(until));
    }
}
