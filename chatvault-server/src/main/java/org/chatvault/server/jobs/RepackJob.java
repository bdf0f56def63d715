package org.chatvault.server.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.vault.ObjectLocation;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.vault.PackStats;
import org.chatvault.server.vault.ObjectIndex;
import org.chatvault.server.vault.PackMover;
import org.chatvault.server.vault.PackTiering;
import org.chatvault.server.vault.RepackCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites packs that are mostly dead space, and merges small ones, keylessly: the live
 * objects' ciphertext is copied into a new pack of the same account and bucket and their rows
 * re-pointed in one transaction (see {@link PackMover}). The old packs are only marked vacated;
 * the {@link SweepJob} deletes them once the safety delay has passed, because a restore that
 * planned a fetch before the move may still be reading them.
 *
 * <p>Safe against concurrent commits: only live (undropped) objects are copied, and a row moves
 * only if it is still where the copy read it. An object that a commit re-adds while its pack is
 * being repacked keeps pointing at the old pack, which is then never deleted while it does (the
 * next run moves it). Runs on one instance at a time under the {@value #JOB} lease, for the same
 * reason as the sweep: to avoid doubled work, not for safety.
 */
public final class RepackJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(RepackJob.class);
    /** The lease's name in the database, the same on every instance. */
    public static final String JOB = "repack-packs";
    /** Renewed before every account: copying one account's packs can take a while. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);

    /**
     * @param liveShareBelow a pack whose live frames fill less than this share of it is rewritten
     * @param smallPackBytes packs shorter than this are merged when a bucket has several
     * @param maxPackBytes   the size the packs this job writes aim at; more live data makes several
     * @param minAge         packs younger than this are left alone: recent uploads are still being
     *                       committed and dropped, and the job should not rewrite its own output at once
     */
    public record Settings(double liveShareBelow, long smallPackBytes, long maxPackBytes, Duration minAge) {
        public static final long SMALL_PACK_BYTES = 4L * 1024 * 1024;
        /** Object storage does best with packs of 8–32 MiB: few requests per byte, cheap range reads. */
        public static final long MAX_PACK_BYTES = 32L * 1024 * 1024;

        /** The defaults, with the configured threshold and the safety delay as the minimum age. */
        public static Settings of(double liveShareBelow, Duration safetyDelay) {
            return new Settings(liveShareBelow, SMALL_PACK_BYTES, MAX_PACK_BYTES, safetyDelay);
        }

        RepackCriteria criteria(Instant now) {
            return new RepackCriteria(now.minus(minAge), liveShareBelow, smallPackBytes, BatchFormat.FRAME_HEADER_BYTES);
        }
    }

    /**
     * What one repack did, or would do.
     *
     * @param accounts       accounts that got at least one new pack
     * @param packsRead      old packs whose live objects were copied
     * @param packsWritten   new packs indexed
     * @param bytesCopied    bytes of the new packs (for a dry run: of the live frames to copy)
     * @param bytesReclaimed old packs' bytes minus new packs' bytes: freed once the old packs are deleted
     * @param accountLines   per account, up to {@link JobResult#MAX_ACCOUNT_LINES}
     */
    public record Result(boolean dryRun, boolean heldElsewhere, int accounts, int packsRead, int packsWritten, long bytesCopied,
                         long bytesReclaimed, List<String> accountLines) implements JobResult {
        static final Result NOTHING = new Result(false, false, 0, 0, 0, 0, 0, List.of());

        Result plus(Result o) {
            List<String> lines = new ArrayList<>(accountLines);
            for (String line : o.accountLines) if (lines.size() < JobResult.MAX_ACCOUNT_LINES) lines.add(line);
            return new Result(dryRun || o.dryRun, false, accounts + o.accounts, packsRead + o.packsRead, packsWritten + o.packsWritten,
                    bytesCopied + o.bytesCopied, bytesReclaimed + o.bytesReclaimed, List.copyOf(lines));
        }

        @Override public List<String> describe() {
            if (heldElsewhere) return List.of("repack: another server instance holds the lease; nothing done");
            List<String> lines = new ArrayList<>();
            lines.add("repack" + (dryRun ? " (dry run)" : "") + ": " + packsRead + " sparse or small packs of " + accounts + " accounts "
                    + (dryRun ? "would be rewritten" : "rewritten") + " into " + packsWritten + ", " + bytesCopied + " bytes copied, "
                    + bytesReclaimed + " bytes to reclaim once the sweep deletes the old packs");
            lines.addAll(accountLines);
            return lines;
        }
    }

    private final ObjectIndex index;
    private final PackMover mover;
    private final Clock clock;
    private final Settings settings;
    private final JobLease lease;

    /** @param instanceId this server instance's id, unique among those sharing the database */
    public RepackJob(ObjectIndex index, LeaseStore leases, ObjectStore blobs, Path tmpDir, Clock clock, Settings settings, String instanceId) {
        this(index, leases, blobs, tmpDir, clock, settings, PackTiering.NONE, instanceId);
    }

    /** @param tiering which new packs are written to the object store's cold tier (those of old buckets) */
    public RepackJob(ObjectIndex index, LeaseStore leases, ObjectStore blobs, Path tmpDir, Clock clock, Settings settings,
                     PackTiering tiering, String instanceId) {
        this.index = index;
        this.mover = new PackMover(index, blobs, tmpDir, clock, tiering);
        this.clock = clock;
        this.settings = settings;
        this.lease = new JobLease(leases, JOB, instanceId, clock, LEASE_TTL);
    }

    @Override public String name() { return "repack"; }

    /**
     * Repacks every account that needs it if this instance can take the lease, then gives it up;
     * a dry run takes no lease and copies nothing. Like the sweep, not to be called from two
     * threads of one instance at once. What was moved before a failure stays moved; an account
     * whose blobs cannot be read is logged and skipped.
     */
    @Override
    public Result run(boolean dryRun) {
        return lease.runPaged(dryRun, pager -> repack(pager, dryRun), new Result(false, true, 0, 0, 0, 0, 0, List.of()));
    }

    private Result repack(LeasedAccountPager pager, boolean dryRun) {
        RepackCriteria criteria = settings.criteria(clock.instant());
        Result[] total = {dryRun ? new Result(true, false, 0, 0, 0, 0, 0, List.of()) : Result.NOTHING};
        pager.forEachAccount((after, limit) -> criteria.accountsToRepack(index, after, limit), LeasedAccountPager.Renewal.PER_ACCOUNT,
                account -> {
                    try {
                        total[0] = total[0].plus(repackAccount(account, criteria, dryRun));
                    } catch (IOException e) {
                        log.warn("repacking account {} failed; the next run tries again", account, e);
                    }
                });
        Result t = total[0];
        if (t.packsRead() > 0)
            log.info("{} {} packs of {} accounts into {}: {} bytes copied, {} to be reclaimed", dryRun ? "would repack" : "repacked",
                    t.packsRead(), t.accounts(), t.packsWritten(), t.bytesCopied(), t.bytesReclaimed());
        return t;
    }

    private Result repackAccount(String accountId, RepackCriteria criteria, boolean dryRun) throws IOException {
        Map<Integer, List<PackStats>> byBucket = new LinkedHashMap<>();
        for (PackStats p : index.packStats(accountId)) byBucket.computeIfAbsent(p.bucket(), b -> new ArrayList<>()).add(p);
        Result done = Result.NOTHING;
        for (Map.Entry<Integer, List<PackStats>> bucket : byBucket.entrySet()) {
            for (List<PackStats> group : groups(bucket.getValue(), criteria)) {
                if (Thread.currentThread().isInterrupted()) return done;
                done = done.plus(dryRun ? plan(group) : rewrite(accountId, bucket.getKey(), group));
            }
        }
        if (done.packsWritten() == 0) return done;
        String line = "  account " + accountId + ": " + done.packsRead() + " packs into " + done.packsWritten() + ", "
                + done.bytesReclaimed() + " bytes to reclaim";
        return new Result(dryRun, false, 1, done.packsRead(), done.packsWritten(), done.bytesCopied(), done.bytesReclaimed(), List.of(line));
    }

    /**
     * The packs of one bucket to rewrite, in groups that each become one new pack: every sparse
     * pack, plus the small ones when there are at least two. A group that would only copy one
     * healthy small pack into an identical one is left out.
     */
    List<List<PackStats>> groups(List<PackStats> bucket, RepackCriteria criteria) {
        List<PackStats> chosen = new ArrayList<>();
        long small = bucket.stream().filter(criteria::small).count();
        for (PackStats p : bucket) {
            if (criteria.sparse(p) || (small > 1 && criteria.small(p))) chosen.add(p);
        }
        List<List<PackStats>> groups = new ArrayList<>();
        List<PackStats> current = new ArrayList<>();
        long bytes = 0;
        for (PackStats p : chosen) {
            long live = liveFrameBytes(p);
            if (!current.isEmpty() && bytes + live > settings.maxPackBytes()) {
                groups.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(p);
            bytes += live;
        }
        if (!current.isEmpty()) groups.add(current);
        groups.removeIf(g -> g.size() == 1 && !criteria.sparse(g.getFirst()));
        return groups;
    }

    private static long liveFrameBytes(PackStats p) {
        return p.liveBytes() + p.liveObjects() * BatchFormat.FRAME_HEADER_BYTES;
    }

    /** What rewriting the group would do: its live frames copied into one new pack. */
    private static Result plan(List<PackStats> group) {
        long oldBytes = group.stream().mapToLong(PackStats::length).sum();
        long newBytes = group.stream().mapToLong(RepackJob::liveFrameBytes).sum();
        return new Result(true, false, 0, group.size(), 1, newBytes, oldBytes - newBytes, List.of());
    }

    private Result rewrite(String accountId, int bucket, List<PackStats> group) throws IOException {
        List<ObjectLocation> live = index.liveObjectsInPacks(accountId, group.stream().map(PackStats::packId).toList());
        if (live.isEmpty()) return Result.NOTHING; // dropped since measured: the sweeper's now
        PackMover.Outcome out = mover.move(accountId, bucket, live);
        if (out.moved().isEmpty()) return Result.NOTHING;
        long oldBytes = group.stream().mapToLong(PackStats::length).sum();
        long newBytes = out.pack().length();
        log.debug("account {} bucket {}: {} packs ({} bytes) repacked into {} ({} bytes)", accountId, bucket, group.size(), oldBytes,
                out.pack().packId(), newBytes);
        return new Result(false, false, 0, group.size(), 1, newBytes, oldBytes - newBytes, List.of());
    }
}
