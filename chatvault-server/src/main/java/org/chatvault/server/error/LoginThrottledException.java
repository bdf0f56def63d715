package org.chatvault.server.error;

import java.time.Duration;

/** Too many failed logins to one username; logins to it are refused for a while, right secret or not. */
public final class LoginThrottledException extends ApiException {
    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super(ErrorCode.TOO_MANY_ATTEMPTS, "too many failed logins to this account; try again in "
                + minutes(retryAfter) + (minutes(retryAfter) == 1 ? " minute" : " minutes"));
        this.retryAfter = retryAfter;
    }

    /** For the {@code Retry-After} header: whole seconds, rounded up. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static long minutes(Duration d) {
        return Math.max(1, (d.toSeconds() + 59) / 60);
    }
}
