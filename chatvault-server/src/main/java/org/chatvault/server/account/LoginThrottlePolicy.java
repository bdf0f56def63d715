package org.chatvault.server.account;

import java.time.Duration;

/**
 * How many failed logins to one username are tolerated before logins to it are refused for a
 * while. Online guessing of a passphrase is the attack; the login secret the client derives
 * from it is slow to compute there, but a botnet has many clients.
 *
 * @param maxFailures failures within {@code window} that trigger a block
 * @param window      how long failures keep counting after the first one
 * @param block       how long logins are refused once triggered
 */
public record LoginThrottlePolicy(int maxFailures, Duration window, Duration block) {
    public static final LoginThrottlePolicy DEFAULT = new LoginThrottlePolicy(10, Duration.ofMinutes(15), Duration.ofMinutes(15));

    public LoginThrottlePolicy {
        if (maxFailures < 1) throw new IllegalArgumentException("maxFailures must be at least 1");
        if (window.isNegative() || window.isZero() || block.isNegative() || block.isZero())
            throw new IllegalArgumentException("window and block must be positive");
    }
}
