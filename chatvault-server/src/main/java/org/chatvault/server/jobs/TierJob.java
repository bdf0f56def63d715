package org.chatvault.server.jobs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.server.storage.BlobNotFoundException;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.storage.StorageTier;
import org.chatvault.server.vault.ColdTierPolicy;
import org.chatvault.server.vault.PackTierIndex;
import org.chatvault.server.vault.PackTierIndex.PackToMove;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves packs whose time bucket has aged past the {@link ColdTierPolicy} to the object store's
 * cold storage class, in place (same key, same bytes), and records that in the index so the
 * next run does not look at them again. Uploads of old buckets and repacks write such packs
 * cold from the start; this job catches the packs that aged into the policy, and those written
 * before it was configured. Reads never notice: the cold classes allowed are read at once.
 *
 * <p>Idempotent and safe with several instances: moving a pack twice costs one more request
 * and changes nothing. A pack the sweep deletes meanwhile is either gone when copied (skipped)
 * or is re-created by a copy that raced the delete; then its index row is gone too, so the job
 * deletes the blob again, as nothing can name it any more (pack ids are never reused). Runs on
 * one instance at a time under the {@value #JOB} lease, to avoid doubled requests.
 */
public final class TierJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(TierJob.class);
    /** The lease's name in the database, the same on every instance. */
    public static final String JOB = "tier-packs";
    /** Renewed before every account: one account's first run can copy years of packs. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);

    /**
     * What one run did, or would do.
     *
     * @param idleBecause  why the job has nothing to do whatever the data (no cold tier), or null
     * @param storageClass the cold class packs were moved to; null when idle
     * @param firstStandardBucket packs of buckets before this yyyymm belong in the cold class (0 when idle)
     * @param accounts     accounts with at least one pack moved
     * @param packsMoved   packs moved to the cold class and recorded
     * @param bytesMoved   their bytes
     * @param packsGone    packs deleted by the sweep while this run was on them, skipped
     * @param accountLines per account, up to {@link JobResult#MAX_ACCOUNT_LINES}
     */
    public record Result(boolean dryRun, boolean heldElsewhere, String idleBecause, String storageClass, int firstStandardBucket,
                         int accounts, int packsMoved, long bytesMoved, int packsGone, List<String> accountLines) implements JobResult {

        static Result idle(boolean dryRun, String why) {
            return new Result(dryRun, false, why, null, 0, 0, 0, 0, 0, List.of());
        }

        Result plus(String accountId, int moved, long bytes, int gone) {
            List<String> lines = accountLines;
            if (moved > 0 && lines.size() < JobResult.MAX_ACCOUNT_LINES) {
                lines = new ArrayList<>(lines);
                lines.add("  account " + accountId + ": " + moved + " packs, " + bytes + " bytes");
                lines = List.copyOf(lines);
            }
            return new Result(dryRun, false, null, storageClass, firstStandardBucket, accounts + (moved > 0 ? 1 : 0),
                    packsMoved + moved, bytesMoved + bytes, packsGone + gone, lines);
        }

        @Override public List<String> describe() {
            if (heldElsewhere) return List.of("tier: another server instance holds the lease; nothing done");
            if (idleBecause != null) return List.of("tier" + (dryRun ? " (dry run)" : "") + ": " + idleBecause + "; nothing to do");
            List<String> lines = new ArrayList<>();
            lines.add("tier" + (dryRun ? " (dry run)" : "") + ": " + packsMoved + " packs (" + bytesMoved + " bytes) of buckets before "
                    + firstStandardBucket + " in " + accounts + " accounts " + (dryRun ? "would be moved" : "moved") + " to " + storageClass
                    + (packsGone > 0 ? ", " + packsGone + " deleted meanwhile skipped" : ""));
            lines.addAll(accountLines);
            return lines;
        }
    }

    private final PackTierIndex tiers;
    private final ObjectStore blobs;
    private final Clock clock;
    private final ColdTierPolicy policy;
    private final String idleBecause;
    private final JobLease lease;

    /**
     * @param policy      the cold tier's policy, or null if there is none
     * @param idleBecause why there is no policy, for the operator (e.g. the backend has one storage class); ignored with one
     * @param instanceId  this server instance's id, unique among those sharing the database
     */
    public TierJob(PackTierIndex tiers, LeaseStore leases, ObjectStore blobs, Clock clock, ColdTierPolicy policy, String idleBecause,
                   String instanceId) {
        this.tiers = tiers;
        this.blobs = blobs;
        this.clock = clock;
        this.policy = policy;
        this.idleBecause = idleBecause;
        this.lease = new JobLease(leases, JOB, instanceId, clock, LEASE_TTL);
    }

    @Override public String name() { return "tier"; }

    /**
     * Moves every pack the policy puts in the cold tier and the index does not record there, if
     * this instance can take the lease; a dry run takes no lease and moves nothing. Not to be
     * called from two threads of one instance at once. An account whose packs cannot be moved
     * is logged and left for the next run.
     */
    @Override
    public Result run(boolean dryRun) {
        if (policy == null) return Result.idle(dryRun, idleBecause);
        int firstStandard = policy.firstStandardBucket(clock.instant());
        Result start = new Result(dryRun, false, null, policy.storageClass(), firstStandard, 0, 0, 0, 0, List.of());
        Result heldElsewhere = new Result(false, true, null, policy.storageClass(), firstStandard, 0, 0, 0, 0, List.of());
        return lease.runPaged(dryRun, pager -> tier(pager, start, dryRun), heldElsewhere);
    }

    private Result tier(LeasedAccountPager pager, Result start, boolean dryRun) {
        int firstStandard = start.firstStandardBucket();
        Result[] total = {start};
        pager.forEachAccount((after, limit) -> tiers.accountsWithPacksToMove(policy, firstStandard, after, limit),
                LeasedAccountPager.Renewal.PER_ACCOUNT, account -> total[0] = tierAccount(account, total[0], dryRun));
        Result t = total[0];
        if (t.packsMoved() > 0)
            log.info("{} {} packs ({} bytes) of {} accounts to {}", dryRun ? "would move" : "moved", t.packsMoved(), t.bytesMoved(),
                    t.accounts(), t.storageClass());
        return t;
    }

    private Result tierAccount(String accountId, Result total, boolean dryRun) {
        int moved = 0;
        int gone = 0;
        long bytes = 0;
        for (PackToMove pack : tiers.packsToMove(accountId, policy, total.firstStandardBucket())) {
            if (Thread.currentThread().isInterrupted()) break;
            if (!dryRun) {
                try {
                    if (!move(accountId, pack)) {
                        gone++;
                        continue;
                    }
                } catch (IOException e) {
                    log.warn("moving pack {} of account {} to {} failed; the next run tries again", pack.storageKey(), accountId,
                            policy.storageClass(), e);
                    break;
                }
            }
            moved++;
            bytes += pack.length();
        }
        return total.plus(accountId, moved, bytes, gone);
    }

    /** @return false if the pack was deleted meanwhile */
    private boolean move(String accountId, PackToMove pack) throws IOException {
        try {
            blobs.changeTier(pack.storageKey(), StorageTier.COLD);
        } catch (BlobNotFoundException e) {
            return false;
        }
        if (tiers.recordStorageClass(accountId, List.of(pack.packId()), policy.storageClass()) == 1) return true;
        // Purged from the index while being copied: the copy may have re-created a blob the
        // sweep had just deleted, and nothing names it any more.
        try {
            blobs.delete(pack.storageKey());
        } catch (IOException | RuntimeException e) {
            log.warn("could not delete pack {}, purged while it was moved; it holds no indexed object and can be removed by hand",
                    pack.storageKey(), e);
        }
        return false;
    }
}
