package org.chatvault.server.billing.apple;

import java.util.Locale;
import java.util.UUID;

/**
 * The {@code appAccountToken} an app sets on an App Store purchase so the purchase names its account:
 * the account id itself. Account ids are random UUIDs (so the token is one, as Apple requires, and says
 * nothing about the person), and the link runs both ways without a table: a notification for a purchase
 * the app has not sent yet still reaches its account.
 */
final class AppAccountToken {
    private AppAccountToken() {}

    /** The token an app of {@code accountId} sets; null if the id is not a UUID (no token can name it). */
    static UUID of(String accountId) {
        try {
            UUID token = UUID.fromString(accountId);
            // UUID.fromString accepts short groups ("1-2-3-4-5"); only the canonical form is an account id.
            return token.toString().equals(accountId.toLowerCase(Locale.ROOT)) ? token : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The account a token names; null for none. */
    static String accountOf(UUID token) {
        return token == null ? null : token.toString();
    }
}
