package org.chatvault.server.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.chatvault.core.format.Months;

/**
 * Which months of an account's history its plans keep, at any instant, assuming nothing renews
 * beyond what its subscriptions already say. The lifecycle job deletes by {@link #keptFrom} and
 * {@code /v1/usage} announces by {@link #expiryOf}: one rule for both, so nothing is deleted that
 * was not announced.
 *
 * <p>The rule: at {@code t} the window is the longest retention of any plan that applied during
 * {@code [t - grace, t]} (see {@link Entitlements#retentionPlanAt}). A shorter window therefore
 * deletes nothing until a grace period after it was known; a lapse's cut to the free window is
 * known (and announced) from the lapse on.
 */
public final class RetentionSchedule {
    private final List<Coverage> coverages;
    private final Plan free;
    private final Duration grace;
    private final List<Period> windows = new ArrayList<>();
    private final Instant meteredSince;

    private RetentionSchedule(List<Coverage> coverages, Plan free, Duration grace, Instant meteredSince) {
        this.coverages = coverages;
        this.free = free;
        this.grace = grace;
        this.meteredSince = meteredSince;
        if (free.retention() != null) windows.add(free.retention());
        for (Coverage c : coverages) if (c.plan().retention() != null && !windows.contains(c.plan().retention())) windows.add(c.plan().retention());
    }

    /** For an account under the plans from the beginning of time (tests of the rule itself). */
    public static RetentionSchedule of(List<Subscription> subscriptions, Catalogs catalogs, Duration grace) {
        return of(subscriptions, catalogs, grace, Instant.MIN);
    }

    /**
     * @param meteredSince for an account older than the plans, when they were introduced ({@link Instant#MIN} for
     *                     others): before it, history was kept without limit, so no window applies until a grace
     *                     period after it, and the first cut is announced that long ahead.
     */
    public static RetentionSchedule of(List<Subscription> subscriptions, Catalogs catalogs, Duration grace, Instant meteredSince) {
        return new RetentionSchedule(Coverage.of(subscriptions, catalogs, true), catalogs.current().free(), grace, meteredSince);
    }

    /**
     * The first month (yyyymm) still kept at {@code t}; 0 when everything is kept. A lifecycle run at
     * {@code t} deletes every bucketed object of a month below it.
     */
    public int keptFrom(Instant t) {
        Period window = windowAt(t);
        if (window == null) return 0;
        return Months.of(t.atZone(ZoneOffset.UTC).minus(window).toInstant().toEpochMilli());
    }

    /** The longest retention applying at {@code t}; null for everything. */
    Period windowAt(Instant t) {
        Instant from = t.minus(grace);
        if (from.isBefore(meteredSince)) return null;
        List<Plan> plans = new ArrayList<>();
        plans.add(Entitlements.retentionPlanAt(coverages, free, from));
        for (Coverage c : coverages) {
            for (Instant change : List.of(c.from(), c.until()))
                if (change.isAfter(from) && !change.isAfter(t)) plans.add(Entitlements.retentionPlanAt(coverages, free, change));
        }
        plans.add(Entitlements.retentionPlanAt(coverages, free, t));
        return plans.stream().max(Entitlements.GENEROSITY).orElseThrow().retention();
    }

    /**
     * When a lifecycle run will first delete the month {@code bucket} (yyyymm), if nothing renews: empty
     * when the plans keep it for good, {@code now} when it is due already.
     */
    public Optional<Instant> expiryOf(int bucket, Instant now) {
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(now);
        if (meteredSince.isAfter(Instant.MIN)) candidates.add(meteredSince.plus(grace));
        Instant monthAfter = Instant.ofEpochMilli(Months.start(bucket)).atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
        for (Period w : windows) candidates.add(monthAfter.atZone(ZoneOffset.UTC).plus(w).toInstant());
        for (Coverage c : coverages) {
            for (Instant change : List.of(c.from(), c.until())) {
                candidates.add(change);
                candidates.add(change.plus(grace));
            }
        }
        for (Instant t : candidates.tailSet(now, true)) {
            if (bucket < keptFrom(t)) return Optional.of(t);
        }
        return Optional.empty();
    }
}
