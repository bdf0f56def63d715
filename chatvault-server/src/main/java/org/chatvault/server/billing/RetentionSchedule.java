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

    private RetentionSchedule(List<Coverage> coverages, Plan free, Duration grace) {
        this.coverages = coverages;
        this.free = free;
        this.grace = grace;
        if (free.retention() != null) windows.add(free.retention());
        for (Coverage c : coverages) if (c.plan().retention() != null && !windows.contains(c.plan().retention())) windows.add(c.plan().retention());
    }

    public static RetentionSchedule of(List<Subscription> subscriptions, Catalogs catalogs, Duration grace) {
        return new RetentionSchedule(Coverage.of(subscriptions, catalogs, true), catalogs.current().free(), grace);
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
