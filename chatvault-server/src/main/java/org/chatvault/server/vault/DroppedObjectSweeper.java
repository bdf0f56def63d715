package org.chatvault.server.vault;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.chatvault.server.jobs.JobLease;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes objects that commits dropped more than the safety delay ago: their index rows, and
 * the pack blobs left holding nothing. The delay exists because a restore that read the old
 * head may still be fetching them. For the same reason, packs that the {@link Repacker} or a
 * relabel moved objects out of are deleted only once that move is older than the delay. Idempotent;
 * safe to run any time.
 *
 * <p>Index rows go first, in one transaction; blobs after. A crash in between leaves an
 * unreferenced blob (wasted space, never a dangling index entry).
 *
 * <p>With several server instances on one database, a sweep runs only on the instance holding
 * the {@value #JOB} lease, so they do not all repeat the same work. Correctness does not rest on
 * the lease: {@link MetadataStore#purgeDroppedObjects} locks the account's head and deletes the
 * index rows in its own transaction, so if a lease expired mid-sweep and two sweeps overlapped,
 * each emptied pack would still be handed to exactly one of them to delete.
 */
public final class DroppedObjectSweeper {
    private static final Logger log = LoggerFactory.getLogger(DroppedObjectSweeper.class);
    /** The lease's name in the database, the same on every instance. */
    public static final String JOB = "sweep-dropped-objects";
    /**
     * How long the lease lasts without renewal. The sweep renews it before every page of
     * accounts, so this only has to outlast one page, and bounds how long a crashed instance
     * holds up the others.
     */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);
    private static final int ACCOUNTS_PER_PAGE = 100;

    /**
     * What one call to {@link #sweep} did.
     *
     * @param heldElsewhere true if another instance held the lease, so this one did nothing
     * @param accounts      accounts whose dropped objects were purged
     * @param packsDeleted  emptied pack blobs this sweep deleted from the object store, vacated ones included
     */
    public record Result(boolean heldElsewhere, int accounts, int packsDeleted) {
        static final Result HELD_ELSEWHERE = new Result(true, 0, 0);

        public static Result ran(int accounts, int packsDeleted) { return new Result(false, accounts, packsDeleted); }
    }

    private final MetadataStore metadata;
    private final ObjectStore blobs;
    private final Clock clock;
    private final Duration safetyDelay;
    private final JobLease lease;

    /** @param instanceId this server instance's id, unique among those sharing the database */
    public DroppedObjectSweeper(MetadataStore metadata, ObjectStore blobs, Clock clock, Duration safetyDelay, String instanceId) {
        this.metadata = metadata;
        this.blobs = blobs;
        this.clock = clock;
        this.safetyDelay = safetyDelay;
        this.lease = new JobLease(metadata, JOB, instanceId, clock, LEASE_TTL);
    }

    /**
     * Sweeps once if this instance can take the lease, then gives it up. Not to be called from
     * two threads of one instance at once: they would share the lease (the server runs it on one
     * thread). Stops early, between accounts, if the thread is interrupted or the lease is lost.
     *
     * @throws org.chatvault.server.store.StoreException if the metadata database fails
     */
    public Result sweep() {
        return lease.runHolding(this::sweepHoldingLease, Result.HELD_ELSEWHERE);
    }

    private Result sweepHoldingLease() {
        Instant cutoff = clock.instant().minus(safetyDelay);
        int accounts = 0;
        int packs = 0;
        // Paging by account id visits each account at most once, so the sweep ends even if an
        // account keeps objects the purge leaves alone.
        String after = null;
        boolean holding = true;
        pages:
        while (true) {
            List<String> page = metadata.accountsWithDroppedObjects(cutoff, after, ACCOUNTS_PER_PAGE);
            if (page.isEmpty()) break;
            for (String accountId : page) {
                if (Thread.currentThread().isInterrupted()) break pages; // shutting down; the next run resumes
                packs += purge(accountId, cutoff);
                accounts++;
            }
            after = page.getLast();
            if (!lease.acquire()) { // renew; lost only if we stalled past the ttl and another instance took over
                log.warn("lost the {} lease mid-sweep; leaving the rest to its new holder", JOB);
                holding = false;
                break;
            }
        }
        if (accounts > 0) log.info("deleted dropped objects of {} accounts older than {}, {} packs removed", accounts, cutoff, packs);
        int vacated = holding ? deleteVacatedPacks(cutoff) : 0;
        if (vacated > 0) log.info("deleted {} packs whose objects moved elsewhere before {}", vacated, cutoff);
        return Result.ran(accounts, packs + vacated);
    }

    private int deleteVacatedPacks(Instant cutoff) {
        int deleted = 0;
        String after = null;
        while (!Thread.currentThread().isInterrupted()) {
            List<String> page = metadata.accountsWithVacatedPacks(cutoff, after, ACCOUNTS_PER_PAGE);
            if (page.isEmpty()) break;
            for (String accountId : page) {
                if (Thread.currentThread().isInterrupted()) break;
                deleted += deleteBlobs(accountId, metadata.purgeVacatedPacks(accountId, cutoff));
            }
            after = page.getLast();
            if (!lease.acquire()) {
                log.warn("lost the {} lease mid-sweep; leaving the rest to its new holder", JOB);
                break;
            }
        }
        return deleted;
    }

    private int purge(String accountId, Instant cutoff) {
        return deleteBlobs(accountId, metadata.purgeDroppedObjects(accountId, cutoff));
    }

    /** Deletes blobs the index no longer names; returns how many this call removed. */
    private int deleteBlobs(String accountId, List<String> keys) {
        int deleted = 0;
        for (String key : keys) {
            try {
                // Only blobs this call removed count, so concurrent sweeps' totals add up to what went.
                if (blobs.delete(key)) deleted++;
                else log.warn("pack {} of account {} was indexed but its blob was already gone", key, accountId);
            } catch (IOException e) {
                log.warn("pack {} of account {} is no longer indexed but could not be deleted", key, accountId, e);
            }
        }
        return deleted;
    }
}
