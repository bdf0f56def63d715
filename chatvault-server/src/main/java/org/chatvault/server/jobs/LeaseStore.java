package org.chatvault.server.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * Job leases in the metadata database, shared by every server instance (and operator command)
 * using it; see {@link JobLease}.
 *
 * <p>Failures: both methods throw {@link org.chatvault.server.storage.StoreException} when the
 * backend fails; nothing is changed then. Implementations are thread-safe.
 */
public interface LeaseStore {

    /**
     * Takes the lease on {@code job} for {@code holder} until {@code now + ttl}, atomically across
     * every server sharing the database: succeeds if no one holds it, if the lease expired at or
     * before {@code now}, or if {@code holder} already holds it (which renews it).
     *
     * @return false, changing nothing, if another holder's lease is still running
     */
    boolean tryAcquireLease(String job, String holder, Instant now, Duration ttl);

    /** Gives up {@code holder}'s lease on {@code job}; does nothing if someone else holds it now. */
    void releaseLease(String job, String holder);
}
