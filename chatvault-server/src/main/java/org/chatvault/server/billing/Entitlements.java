package org.chatvault.server.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The entitlement function: subscriptions, catalog and an instant in, plan and dates out. Pure (no
 * store, no clock of its own), so years of subscription history can be checked in a test by
 * calling it at many instants.
 */
public final class Entitlements {
    private Entitlements() {}

    /** Most generous first: a longer retention, then media, then the larger quota. */
    static final Comparator<Plan> GENEROSITY = Comparator.<Plan, Boolean>comparing(Plan::keepsEverything)
            .thenComparing(Entitlements::retentionDays)
            .thenComparing(Plan::media)
            .thenComparingLong(Plan::quotaBytes);

    private static long retentionDays(Plan p) {
        if (p.retention() == null) return Long.MAX_VALUE;
        Instant base = Instant.EPOCH.atZone(ZoneOffset.UTC).plusYears(50).toInstant();
        return Duration.between(base.atZone(ZoneOffset.UTC).minus(p.retention()).toInstant(), base).toDays();
    }

    /**
     * What an account with these subscriptions is entitled to at {@code now}.
     *
     * @param grace how long a lapsed account stays readable (read-only) before it is cut to the free allowance
     */
    public static Entitlement at(List<Subscription> subscriptions, Catalogs catalogs, Duration grace, Instant now) {
        List<Coverage> coverages = Coverage.of(subscriptions, catalogs);
        Plan free = catalogs.current().free();
        Optional<Coverage> best = coverages.stream().filter(c -> c.covers(now)).max(Comparator.comparing(Coverage::plan, GENEROSITY));
        if (best.isPresent()) {
            Coverage c = best.get();
            Instant end = coverageEnd(coverages, now);
            Subscription s = c.subscription();
            Instant storeGrace = s.status() == SubscriptionStatus.STORE_GRACE ? s.storeGraceUntil() : null;
            return new Entitlement(c.plan(), EntitlementState.PAID, end, storeGrace, end.plus(grace), end.plus(grace), s.id());
        }
        Optional<Coverage> last = coverages.stream().filter(c -> !c.until().isAfter(now)).max(Comparator.comparing(Coverage::until));
        if (last.isEmpty()) return new Entitlement(free, EntitlementState.FREE, null, null, null, null, null);
        Coverage c = last.get();
        Instant cut = c.until().plus(grace);
        if (now.isBefore(cut))
            return new Entitlement(c.plan(), EntitlementState.READ_ONLY, c.until(), null, cut, cut, c.subscription().id());
        return new Entitlement(free, EntitlementState.FREE, c.until(), null, cut, cut, null);
    }

    /** The end of the paid time that covers {@code now}, following back-to-back and overlapping subscriptions. */
    static Instant coverageEnd(List<Coverage> coverages, Instant now) {
        Instant end = now;
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Coverage c : coverages) {
                if (!c.from().isAfter(end) && c.until().isAfter(end)) {
                    end = c.until();
                    grew = true;
                }
            }
        }
        return end;
    }

    /**
     * The plan whose retention applies at {@code t}: the most generous paid plan in force, else the free
     * plan. The read-only grace after a lapse counts as free here: the cut it leads to is announced when
     * the lapse happens, a grace period before anything is deleted.
     */
    static Plan retentionPlanAt(List<Coverage> coverages, Plan free, Instant t) {
        return coverages.stream().filter(c -> c.covers(t)).map(Coverage::plan).max(GENEROSITY).orElse(free);
    }
}
