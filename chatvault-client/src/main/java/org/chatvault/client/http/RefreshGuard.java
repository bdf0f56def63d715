package org.chatvault.client.http;

import java.util.function.UnaryOperator;
import org.chatvault.protocol.account.IssuedTokens;

/**
 * Coordinates refreshes with other clients of the same tokens (other processes of this device): a
 * refresh token works once, and using a rotated one again ends the device's sessions (docs/API.md),
 * so only one of them may trade it ({@link VaultApi#guardRefreshes}).
 */
@FunctionalInterface
public interface RefreshGuard {
    /**
     * Returns tokens newer than {@code stale}: those another client already got, or what
     * {@code refresher} answers for {@code stale}, which it calls at most once.
     */
    IssuedTokens refresh(IssuedTokens stale, UnaryOperator<IssuedTokens> refresher);
}
