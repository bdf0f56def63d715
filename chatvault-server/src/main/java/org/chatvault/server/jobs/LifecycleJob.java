package org.chatvault.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import org.chatvault.server.account.AccountLifecycleStore;
import org.chatvault.server.account.AccountStanding;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.vault.ExpiredObjects;
import org.chatvault.server.vault.ObjectIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data lifecycle, one account at a time, never reading an object:
 * <ul>
 *   <li>an account its owner deleted, or that nobody used for the period its owner chose, loses
 *       everything: its pack blobs, then all its rows (subscriptions stay: a store purchase is redeemed
 *       once, ever), a hundred accounts at a time (see {@link AccountRemover});</li>
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
    /** Accounts whose expired months are marked, or which are removed, in one transaction. */
    static final int ACCOUNTS_PER_TRANSACTION = 100;
    /** Renewed after every page of accounts. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(15);

    private final ObjectIndex index;
    private final AccountLifecycleStore accounts;
    private final EntitlementService entitlements;
    private final AuditLog audit;
    private final Clock clock;
    private final JobLease lease;
    private final AccountRemover remover;

    /** @param instanceId this server instance's id, unique among those sharing the database */
    public LifecycleJob(ObjectIndex index, AccountLifecycleStore accounts, EntitlementService entitlements, AuditLog audit, ObjectStore blobs,
                        LeaseStore leases, Clock clock, String instanceId) {
        this.index = index;
        this.accounts = accounts;
        this.entitlements = entitlements;
        this.audit = audit;
        this.clock = clock;
        this.lease = new JobLease(leases, JOB, instanceId, clock, LEASE_TTL);
        this.remover = new AccountRemover(accounts, index, blobs, clock);
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
            List<AccountRemover.Removal> removals = new ArrayList<>();
            pager.forEachAccount(accounts::accountsAfter, LeasedAccountPager.Renewal.PER_PAGE, id -> {
                visit(id, at, dryRun, tally, cuts, removals);
                if (cuts.size() >= ACCOUNTS_PER_TRANSACTION) cut(cuts, tally);
                if (removals.size() >= ACCOUNTS_PER_TRANSACTION) remover.remove(removals, tally);
            });
            cut(cuts, tally);
            remover.remove(removals, tally);
            return tally.result(dryRun, asOf);
        }, LifecycleResult.heldElsewhere(asOf));
    }

    private void visit(String accountId, Instant at, boolean dryRun, LifecycleResult.Tally tally, Map<String, Integer> cuts,
                       List<AccountRemover.Removal> removals) {
        Optional<AccountStanding> found = accounts.standing(accountId);
        if (found.isEmpty()) return; // purged by a concurrent run since the page was read
        AccountStanding standing = found.get();
        AccountRemover.Removal removal = null;
        if (standing.deletionRequestedAt() != null) {
            removal = new AccountRemover.Removal(accountId, "deleted by its owner on " + standing.deletionRequestedAt(), null);
        } else if (!at.isBefore(standing.deleteIfUnusedAt())) {
            removal = new AccountRemover.Removal(accountId, "unused since " + standing.lastActiveAt() + " (" + standing.inactivityMonths()
                    + " months)", standing.lastActiveAt());
        }
        if (removal != null) {
            if (dryRun) remover.plan(removal, tally);
            else removals.add(removal);
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
}
