package org.chatvault.server.vault;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.chatvault.core.format.Months;
import org.chatvault.server.account.Principal;
import org.chatvault.server.billing.Entitlement;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.Plan;
import org.chatvault.server.billing.RetentionSchedule;

/**
 * What an account stores, what its plan allows, and what will expire when (issue 11 "Announced in advance"). The
 * expiries come from the same {@link RetentionSchedule} the lifecycle deletes by, so nothing is deleted that was not
 * announced here first.
 */
public final class UsageService {
    /** Why a month will be deleted. */
    public enum ExpiryReason {
        /** It leaves the window of the plan in force. */
        PLAN,
        /** The subscription ends (or has lapsed) and the free plan, which keeps less, follows the grace period. */
        CUT
    }

    /** A month ({@code bucket}, yyyymm) the first lifecycle run at or after {@code at} deletes, if nothing renews. */
    public record Expiry(int bucket, Instant at, ExpiryReason reason) {}

    /**
     * @param keptFrom the first month the plans keep now; 0 for everything
     * @param byMonthAndKind what {@link ObjectIndex#usageByMonthAndKind} says
     * @param expiries soonest first, then by month
     */
    public record Report(Usage usage, Entitlement entitlement, int keptFrom, List<MonthKindUsage> byMonthAndKind, List<Expiry> expiries) {}

    private final ObjectIndex metadata;
    private final EntitlementService entitlements;

    public UsageService(ObjectIndex metadata, EntitlementService entitlements) {
        this.metadata = metadata;
        this.entitlements = entitlements;
    }

    public Report report(Principal p) {
        String account = p.accountId();
        Instant now = entitlements.clock().instant();
        Entitlement entitlement = entitlements.at(account, now);
        RetentionSchedule schedule = entitlements.retention(account);
        Usage usage = metadata.usage(account);
        List<MonthKindUsage> slices = metadata.usageByMonthAndKind(account);
        TreeSet<Integer> months = new TreeSet<>();
        for (MonthKindUsage s : slices) if (s.bucket() > 0) months.add(s.bucket()); // bucket 0 is never deleted
        List<Expiry> expiries = new ArrayList<>();
        for (int month : months) {
            schedule.expiryOf(month, now).ifPresent(at -> expiries.add(new Expiry(month, at, reason(entitlement, month, at))));
        }
        expiries.sort(Comparator.comparing(Expiry::at).thenComparingInt(Expiry::bucket));
        return new Report(usage, entitlement, schedule.keptFrom(now), slices, List.copyOf(expiries));
    }

    /** A cut when the month would outlive {@code at} under the plan in force and goes only because that plan ends. */
    static ExpiryReason reason(Entitlement e, int month, Instant at) {
        if (e.cutOn() == null || at.isBefore(e.cutOn())) return ExpiryReason.PLAN;
        return keptUnder(e.plan(), month, at) ? ExpiryReason.CUT : ExpiryReason.PLAN;
    }

    private static boolean keptUnder(Plan plan, int month, Instant at) {
        if (plan.retention() == null) return true;
        return month >= Months.of(at.atZone(ZoneOffset.UTC).minus(plan.retention()).toInstant().toEpochMilli());
    }
}
