package org.chatvault.server.jobs;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.chatvault.server.account.AccountLifecycleStore;
import org.chatvault.server.account.AccountStanding;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.vault.ExpiredObjects;
import org.chatvault.server.vault.ObjectIndex;
import org.chatvault.server.vault.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data lifecycle, one account at a time, never reading an object:
 * <ul>
 *   <li>an account its owner deleted, or that nobody used for the period its owner chose, loses
 *       everything: its pack blobs, then all its rows in one transaction (subscriptions stay: a store
 *       purchase is redeemed once, ever). Blobs go first, so a crash leaves rows the next run finishes,
 *       never a blob nothing points to; a deleted account can no longer read, so no safety delay is owed;</li>
 *   <li>every other account loses the months its plans no longer keep ({@link
 *       org.chatvault.server.billing.RetentionSchedule#keptFrom}, the same rule {@code /v1/usage} announces
 *       by): their objects are marked dropped as a commit would, and the {@link SweepJob} deletes them and
 *       the packs they empty after the safety delay, because a restore may be reading them.</li>
 * </ul>
 * Idempotent. Runs on one instance at a time under the {@value #JOB} lease to avoid doubled work; two
 * runs at once are still safe: an object is marked, and an account purged, by one of them only.
 */
public final class LifecycleJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(LifecycleJob.class);
    /** The lease's name in the database, the same on every instance. */
    public static final String JOB = "account-lifecycle";
    /** Accounts whose expired months are marked in one transaction. */
    static final int CUTS_PER_TRANSACTION = 100;
    /** Renewed after every page of accounts. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);

    private final ObjectIndex index;
    private final AccountLifecycleStore accounts;
    private final EntitlementService entitlements;
    private final AuditLog audit;
    private final ObjectStore blobs;
    private final Clock clock;
    private final JobLease lease;

    /** @param instanceId this server instance's id, unique among those sharing the database */
    public LifecycleJob(ObjectIndex index, AccountLifecycleStore accounts, EntitlementService entitlements, AuditLog audit, ObjectStore blobs,
                        LeaseStore leases, Clock clock, String instanceId) {
        this.index = index;
        this.accounts = accounts;
        this.entitlements = entitlements;
        this.audit = audit;
        this.blobs = blobs;
        this.clock = clock;
        this.lease = new JobLease(leases, JOB, instanceId, clock, LEASE_TTL);
    }

    @Override public String name() { return "lifecycle"; }

    /** Runs now (a dry run takes no lease); not from two threads of one instance at once (they would share the lease). */
    @Override
    public LifecycleResult run(boolean dryRun) {
        return run(dryRun, null);
    }

    /**
     * What a run at {@code asOf} would do if nothing changed until then (no renewal, no activity): a dry run,
     * for operators and support.
     */
    public LifecycleResult preview(Instant asOf) {
        return run(true, asOf);
    }

    private LifecycleResult run(boolean dryRun, Instant asOf) {
        Instant at = asOf != null ? asOf : clock.instant();
        return lease.runPaged(dryRun, pager -> {
            LifecycleResult.Tally tally = new LifecycleResult.Tally();
            Map<String, Integer> cuts = new HashMap<>();
            pager.forEachAccount(accounts::accountsAfter, LeasedAccountPager.Renewal.PER_PAGE, id -> {
                visit(id, at, dryRun, tally, cuts);
                if (cuts.size() >= CUTS_PER_TRANSACTION) cut(cuts, tally);
            });
            cut(cuts, tally);
            return tally.result(dryRun, asOf);
        }, LifecycleResult.heldElsewhere(asOf));
    }

    private void visit(String accountId, Instant at, boolean dryRun, LifecycleResult.Tally tally, Map<String, Integer> cuts) {
        Optional<AccountStanding> found = accounts.standing(accountId);
        if (found.isEmpty()) return; // purged by a concurrent run since the page was read
        AccountStanding standing = found.get();
        if (standing.deletionRequestedAt() != null) {
            removeAccount(accountId, "deleted by its owner on " + standing.deletionRequestedAt(), dryRun, tally);
        } else if (!at.isBefore(standing.deleteIfUnusedAt())) {
            // Marked first, so it is refused at once and a crash before the end still finishes next run.
            if (!dryRun && !accounts.requestDeletion(accountId, clock.instant())) return;
            removeAccount(accountId, "unused since " + standing.lastActiveAt() + " (" + standing.inactivityMonths() + " months)", dryRun, tally);
        } else {
            int keptFrom = entitlements.retention(accountId).keptFrom(at);
            if (keptFrom <= 0) return;
            // A read says whether anything is due; the marks themselves go in batches (see cut).
            ExpiredObjects due = index.expireBuckets(accountId, keptFrom, clock.instant(), true);
            if (due.objects() == 0) return;
            if (dryRun) tally.expired(accountId, due, months(keptFrom));
            else cuts.put(accountId, keptFrom);
        }
    }

    /**
     * Marks the due months of a batch of accounts in one transaction and records each in its audit log, in
     * one more: a commit per account would cost SQLite an fsync each.
     */
    private void cut(Map<String, Integer> cuts, LifecycleResult.Tally tally) {
        if (cuts.isEmpty()) return;
        Map<String, ExpiredObjects> marked = index.expireBuckets(cuts, clock.instant());
        Map<String, String> details = new TreeMap<>();
        marked.forEach((accountId, expired) -> {
            String months = months(cuts.get(accountId));
            tally.expired(accountId, expired, months);
            details.put(accountId, expired.objects() + " objects (" + expired.bytes() + " bytes) of " + months + " left the plan's window");
            log.info("account {}: {} objects ({} bytes) of {} expired under the plan", accountId, expired.objects(), expired.bytes(), months);
        });
        audit.recordAll(AuditEventType.HISTORY_EXPIRED, details);
        cuts.clear();
    }

    private static String months(int keptFrom) {
        return "months before " + keptFrom / 100 + "-" + String.format("%02d", keptFrom % 100);
    }

    private void removeAccount(String accountId, String why, boolean dryRun, LifecycleResult.Tally tally) {
        List<String> keys = accounts.packKeys(accountId);
        if (dryRun) {
            Usage usage = index.usage(accountId);
            long packs = 0, packBytes = 0;
            for (String key : keys) {
                long size = sizeOf(key);
                if (size >= 0) { packs++; packBytes += size; }
            }
            tally.removed(accountId, why, usage.objects(), usage.bytes(), packs, packBytes);
            return;
        }
        BlobTally deleted = new BlobTally();
        for (String key : keys) deleted.delete(key);
        if (deleted.failed) return; // rows stay, so the next run finds the blobs that are left
        Optional<AccountLifecycleStore.PurgedAccount> purged = accounts.purgeDeleted(accountId);
        if (purged.isEmpty()) { // a concurrent run purged the rows and counted the objects; the blobs this one deleted are its own
            tally.removedBlobs(deleted.packs, deleted.bytes);
            return;
        }
        Set<String> seen = new HashSet<>(keys);
        for (String key : purged.get().packKeys()) if (!seen.contains(key)) deleted.delete(key); // indexed meanwhile
        tally.removed(accountId, why, purged.get().objects(), purged.get().bytes(), deleted.packs, deleted.bytes);
        // Its audit log went with it: the record of the deletion is this line and the job's result.
        log.info("account {} removed, {}: {} objects ({} bytes), {} packs ({} bytes)", accountId, why, purged.get().objects(),
                purged.get().bytes(), deleted.packs, deleted.bytes);
    }

    private long sizeOf(String key) {
        try {
            return blobs.size(key);
        } catch (IOException e) {
            log.warn("could not measure pack {}", key, e);
            return -1;
        }
    }

    /** Blobs one run deleted: only those it removed itself count, so concurrent runs' totals add up. */
    private final class BlobTally {
        long packs;
        long bytes;
        boolean failed;

        void delete(String key) {
            try {
                long size = blobs.size(key);
                if (size >= 0 && blobs.delete(key)) {
                    packs++;
                    bytes += size;
                }
            } catch (IOException e) {
                failed = true;
                log.warn("pack {} of a deleted account could not be deleted; the next lifecycle run tries again", key, e);
            }
        }
    }
}
