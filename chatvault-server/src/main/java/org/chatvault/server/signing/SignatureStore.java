package org.chatvault.server.signing;

import java.time.Instant;

/**
 * The signed requests accepted recently, remembered by hash until their timestamp leaves the
 * window, so that the same request cannot be sent twice. Shared through the metadata database,
 * so a replay is refused whichever server instance it reaches.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the
 * backend fails; nothing is changed when it does. Implementations are thread-safe.
 */
public interface SignatureStore {

    /**
     * Remembers one accepted request, atomically across instances.
     *
     * @param requestHash SHA-256 of the signed message (32 bytes)
     * @param forgetAfter when the request's timestamp leaves the window, after which a replay is refused as stale anyway
     * @return false, changing nothing, if the account already sent this request
     */
    boolean remember(String accountId, byte[] requestHash, Instant forgetAfter);

    /** @return how many remembered requests whose {@code forgetAfter} is before {@code now} were deleted */
    int forgetBefore(Instant now);
}
