package org.chatvault.server.vault;

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
import org.chatvault.server.jobs.JobLease;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.ObjectLocation;
import org.chatvault.server.store.ObjectStore;
import org.chatvault.server.store.PackStats;
import org.chatvault.server.store.RepackCriteria;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites packs that are mostly dead space, and merges small ones, keylessly: the live
 * objects' ciphertext is copied into a new pack of the same account and bucket and their rows
 * re-pointed in one transaction (see {@link PackMover}). The old packs are only marked vacated;
 * the {@link DroppedObjectSweeper} deletes them once the safety delay has passed, because a
 * restore that planned a fetch before the move may still be reading them.
 *
 * <p>Safe against concurrent commits: only live (undropped) objects are copied, and a row moves
 * only if it is still where the copy read it. An object that a commit re-adds while its pack is
 * being repacked keeps pointing at the old pack, which is then never deleted while it does (the
 * next run moves it). Runs on one instance at a time under the {@value #JOB} lease, for the same
 * reason as the sweeper: to avoid doubled work, not for safety.
 */
public final class Repacker {
    private static final Logger log = LoggerFactory.getLogger(Repacker.class);
    /** The lease's name in the database, the same on every instance. */
    public static final String JOB = "repack-packs";
    /** Renewed before every page of accounts and every account. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);
    private static final int ACCOUNTS_PER_PAGE = 100;

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
     * What one call to {@link #repack} did.
     *
     * @param heldElsewhere  another instance held the lease, so this one did nothing
     * @param accounts       accounts that got at least one new pack
     * @param packsRead      old packs whose live objects were copied
     * @param packsWritten   new packs indexed
     * @param bytesCopied    bytes of the new packs
     * @param bytesReclaimed old packs' bytes minus new packs' bytes: freed once the old packs are deleted
     */
    public record Result(boolean heldElsewhere, int accounts, int packsRead, int packsWritten, long bytesCopied, long bytesReclaimed) {
        static final Result HELD_ELSEWHERE = new Result(true, 0, 0, 0, 0, 0);
        static final Result NOTHING = new Result(false, 0, 0, 0, 0, 0);

        Result plus(Result o) {
            return new Result(false, accounts + o.accounts, packsRead + o.packsRead, packsWritten + o.packsWritten,
                    bytesCopied + o.bytesCopied, bytesReclaimed + o.bytesReclaimed);
        }
    }

    private final MetadataStore metadata;
    private final PackMover mover;
    private final Clock clock;
    private final Settings settings;
    private final JobLease lease;

    /** @param instanceId this server instance's id, unique among those sharing the database */
    public Repacker(MetadataStore metadata, ObjectStore blobs, Path tmpDir, Clock clock, Settings settings, String instanceId) {
        this.metadata = metadata;
        this.mover = new PackMover(metadata, blobs, tmpDir, clock);
        this.clock = clock;
        this.settings = settings;
        this.lease = new JobLease(metadata, JOB, instanceId, clock, LEASE_TTL);
    }

    /**
     * Repacks every account that needs it if this instance can take the lease, then gives it up.
     * Like the sweep, not to be called from two threads of one instance at once. Stops early,
     * between packs, if the thread is interrupted or the lease is lost.
     *
     * @throws org.chatvault.server.store.StoreException if the metadata database fails; what was
     *         moved before stays moved (an account whose blobs cannot be read is logged and skipped)
     */
    public Result repack() {
        return lease.runHolding(this::repackHoldingLease, Result.HELD_ELSEWHERE);
    }

    private Result repackHoldingLease() {
        RepackCriteria criteria = settings.criteria(clock.instant());
        Result total = Result.NOTHING;
        String after = null;
        pages:
        while (true) {
            List<String> page = metadata.accountsToRepack(criteria, after, ACCOUNTS_PER_PAGE);
            if (page.isEmpty()) break;
            for (String accountId : page) {
                // Renewed per account: copying one account's packs can take a while.
                if (Thread.currentThread().isInterrupted() || !lease.acquire()) break pages;
                try {
                    total = total.plus(repackAccount(accountId, criteria));
                } catch (IOException e) {
                    log.warn("repacking account {} failed; the next run tries again", accountId, e);
                }
            }
            after = page.getLast();
        }
        if (total.packsRead() > 0)
            log.info("repacked {} packs of {} accounts into {}: {} bytes copied, {} to be reclaimed", total.packsRead(), total.accounts(),
                    total.packsWritten(), total.bytesCopied(), total.bytesReclaimed());
        return total;
    }

    private Result repackAccount(String accountId, RepackCriteria criteria) throws IOException {
        Map<Integer, List<PackStats>> byBucket = new LinkedHashMap<>();
        for (PackStats p : metadata.packStats(accountId)) byBucket.computeIfAbsent(p.bucket(), b -> new ArrayList<>()).add(p);
        Result done = Result.NOTHING;
        for (Map.Entry<Integer, List<PackStats>> bucket : byBucket.entrySet()) {
            for (List<PackStats> group : groups(bucket.getValue(), criteria)) {
                if (Thread.currentThread().isInterrupted()) return done;
                done = done.plus(rewrite(accountId, bucket.getKey(), group));
            }
        }
        return done.packsWritten() == 0 ? done
                : new Result(false, 1, done.packsRead(), done.packsWritten(), done.bytesCopied(), done.bytesReclaimed());
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
            long live = p.liveBytes() + p.liveObjects() * BatchFormat.FRAME_HEADER_BYTES;
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

    private Result rewrite(String accountId, int bucket, List<PackStats> group) throws IOException {
        List<ObjectLocation> live = metadata.liveObjectsInPacks(accountId, group.stream().map(PackStats::packId).toList());
        if (live.isEmpty()) return Result.NOTHING; // dropped since measured: the sweeper's now
        PackMover.Outcome out = mover.move(accountId, bucket, live);
        if (out.moved().isEmpty()) return Result.NOTHING;
        long oldBytes = group.stream().mapToLong(PackStats::length).sum();
        long newBytes = out.pack().length();
        log.debug("account {} bucket {}: {} packs ({} bytes) repacked into {} ({} bytes)", accountId, bucket, group.size(), oldBytes,
                out.pack().packId(), newBytes);
        return new Result(false, 0, group.size(), 1, newBytes, oldBytes - newBytes);
    }
}
