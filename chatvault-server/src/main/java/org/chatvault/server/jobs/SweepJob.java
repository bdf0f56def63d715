package org.chatvault.server.jobs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.server.account.AccountStore;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.vault.ObjectIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes objects that commits dropped more than the safety delay ago: their index rows, and
 * the pack blobs left holding nothing. The delay exists because a restore that read the old
 * head may still be fetching them. For the same reason, packs that the {@link RepackJob} or a
 * relabel moved objects out of are deleted only once that move is older than the delay.
 * Key slots that were deleted or replaced are removed after the same delay: until then a
 * stolen session's deletion can still be undone from a backup of the metadata, never at once.
 * Idempotent; safe to run any time.
 *
 * <p>Index rows go first, in one transaction; blobs after. A crash in between leaves an
 * unreferenced blob (wasted space, never a dangling index entry).
 *
 * <p>With several server instances on one database, a sweep runs only on the instance holding
 * the {@value #JOB} lease, so they do not all repeat the same work. Correctness does not rest on
 * the lease: {@link ObjectIndex#purgeDroppedObjects} locks the account's head and deletes the
 * index rows in its own transaction, so if a lease expired mid-sweep and two sweeps overlapped,
 * each emptied pack would still be handed to exactly one of them to delete.
 */
public final class SweepJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(SweepJob.class);
    /** The lease's name in the database, the same on every instance. */
    public static final String JOB = "sweep-dropped-objects";
    /**
     * How long the lease lasts without renewal. The sweep renews it after every page of
     * accounts, so this only has to outlast one page, and bounds how long a crashed instance
     * holds up the others.
     */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);

    /**
     * What one sweep did, or would do.
     *
     * @param accounts     accounts whose dropped objects were purged (or would be)
     * @param packsDeleted emptied pack blobs this sweep deleted (or would delete) from the object store, vacated ones included
     * @param bytesDeleted those blobs' bytes
     * @param accountLines per account, up to {@link JobResult#MAX_ACCOUNT_LINES}
     * @param keySlotsPurged retired key slots past the safety delay removed (or that would be)
     */
    public record Result(boolean dryRun, boolean heldElsewhere, int accounts, int packsDeleted, long bytesDeleted,
                         List<String> accountLines, int keySlotsPurged) implements JobResult {
        @Override public List<String> describe() {
            if (heldElsewhere) return List.of("sweep: another server instance holds the lease; nothing done");
            List<String> lines = new ArrayList<>();
            lines.add("sweep" + (dryRun ? " (dry run)" : "") + ": " + accounts + " accounts with dropped objects past the safety delay, "
                    + packsDeleted + " packs (" + bytesDeleted + " bytes) " + (dryRun ? "would be deleted" : "deleted"));
            lines.addAll(accountLines);
            if (keySlotsPurged > 0)
                lines.add("sweep: " + keySlotsPurged + " retired key slots past the safety delay " + (dryRun ? "would be removed" : "removed"));
            return lines;
        }
    }

    private final ObjectIndex index;
    private final AccountStore accounts;
    private final ObjectStore blobs;
    private final Clock clock;
    private final Duration safetyDelay;
    private final JobLease lease;

    /** @param instanceId this server instance's id, unique among those sharing the database */
    public SweepJob(ObjectIndex index, AccountStore accounts, LeaseStore leases, ObjectStore blobs, Clock clock, Duration safetyDelay,
                    String instanceId) {
        this.index = index;
        this.accounts = accounts;
        this.blobs = blobs;
        this.clock = clock;
        this.safetyDelay = safetyDelay;
        this.lease = new JobLease(leases, JOB, instanceId, clock, LEASE_TTL);
    }

    @Override public String name() { return "sweep"; }

    /**
     * Sweeps once if this instance can take the lease, then gives it up; a dry run takes no
     * lease. Not to be called from two threads of one instance at once: they would share the
     * lease (the server runs it on one thread).
     */
    @Override
    public Result run(boolean dryRun) {
        return lease.runPaged(dryRun, pager -> sweep(pager, dryRun), new Result(false, true, 0, 0, 0, List.of(), 0));
    }

    private Result sweep(LeasedAccountPager pager, boolean dryRun) {
        Instant cutoff = clock.instant().minus(safetyDelay);
        Tally dropped = new Tally(dryRun, "dropped objects");
        boolean complete = pager.forEachAccount((after, limit) -> index.accountsWithDroppedObjects(cutoff, after, limit),
                LeasedAccountPager.Renewal.PER_PAGE, account -> dropped.add(account, index.purgeDroppedObjects(account, cutoff, dryRun)));
        if (dropped.accounts > 0)
            log.info("{} dropped objects of {} accounts older than {}, {} packs removed", dryRun ? "would delete" : "deleted",
                    dropped.accounts, cutoff, dropped.packs);
        Tally vacated = new Tally(dryRun, "packs whose objects moved elsewhere");
        if (complete) {
            pager.forEachAccount((after, limit) -> index.accountsWithVacatedPacks(cutoff, after, limit), LeasedAccountPager.Renewal.PER_PAGE,
                    account -> vacated.add(account, index.purgeVacatedPacks(account, cutoff, dryRun)));
        }
        if (vacated.packs > 0) log.info("{} {} packs whose objects moved elsewhere before {}", dryRun ? "would delete" : "deleted",
                vacated.packs, cutoff);
        int keySlots = accounts.purgeRetiredKeySlots(cutoff, dryRun);
        if (keySlots > 0) log.info("{} {} key slots retired before {}", dryRun ? "would remove" : "removed", keySlots, cutoff);
        List<String> lines = new ArrayList<>(dropped.lines);
        for (String line : vacated.lines) if (lines.size() < JobResult.MAX_ACCOUNT_LINES) lines.add(line);
        return new Result(dryRun, false, dropped.accounts, dropped.packs + vacated.packs, dropped.bytes + vacated.bytes, List.copyOf(lines),
                keySlots);
    }

    /** Counts what one phase of the sweep removed, deleting the blobs unless it is a dry run. */
    private final class Tally {
        final boolean dryRun;
        final String what;
        final List<String> lines = new ArrayList<>();
        int accounts;
        int packs;
        long bytes;

        Tally(boolean dryRun, String what) {
            this.dryRun = dryRun;
            this.what = what;
        }

        void add(String accountId, List<String> keys) {
            accounts++;
            int before = packs;
            long bytesBefore = bytes;
            for (String key : keys) deleteBlob(accountId, key);
            if (packs > before && lines.size() < JobResult.MAX_ACCOUNT_LINES)
                lines.add("  account " + accountId + ": " + (packs - before) + " packs (" + (bytes - bytesBefore) + " bytes) of " + what);
        }

        /** Only blobs this run removed count, so concurrent sweeps' totals add up to what went. */
        private void deleteBlob(String accountId, String key) {
            try {
                long size = blobs.size(key);
                if (size < 0) {
                    log.warn("pack {} of account {} was indexed but its blob was already gone", key, accountId);
                } else if (dryRun || blobs.delete(key)) {
                    packs++;
                    bytes += size;
                }
            } catch (IOException e) {
                log.warn("pack {} of account {} is no longer indexed but could not be deleted", key, accountId, e);
            }
        }
    }
}
