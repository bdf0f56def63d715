package org.chatvault.server.abuse;

import java.time.Duration;

/**
 * A request refused because a client asked too much, or the server is too busy to do expensive
 * work now. Both carry how long to wait ({@code Retry-After}). No stack trace: expected outcomes.
 */
public abstract sealed class AbuseException extends RuntimeException {
    private final Duration retryAfter;

    private AbuseException(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** For the {@code Retry-After} header: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** A rate of {@link AbuseLimits} is used up: {@code 429 too_many_attempts}. */
    public static final class RateLimited extends AbuseException {
        public RateLimited(RateLimit limit, Duration retryAfter) {
            super("too many " + describe(limit) + " from this address or for this account; try again in "
                    + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s", retryAfter);
        }

        private static String describe(RateLimit limit) {
            return switch (limit) {
                case LOGIN -> "logins";
                case REGISTER -> "registrations";
                case KEY_SLOT_READ -> "key slot reads";
                case APPROVAL -> "device approval requests";
            };
        }
    }

    /** The queue of expensive work (Argon2id hashes) is full: {@code 503 server_busy}. */
    public static final class ServerBusy extends AbuseException {
        public ServerBusy(Duration retryAfter) {
            super("the server is busy; try again in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s", retryAfter);
        }
    }
}
