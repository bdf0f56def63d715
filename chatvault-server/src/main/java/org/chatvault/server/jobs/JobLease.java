package org.chatvault.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The right of one server instance to run one background job, held in the metadata database so
 * that every instance sharing it agrees on who that is. A lease runs out on its own after its
 * time to live, so an instance that dies holding one delays the job by at most that long.
 *
 * <p>A lease is for not doing work twice, not for safety: clocks drift and a holder can stall
 * past its expiry, so every step of a leased job must still be safe if another instance runs it
 * at the same time.
 *
 * <p>The holder id stands for the whole instance: two threads of one instance would share the
 * lease, so an instance runs each leased job on a single thread.
 */
public final class JobLease {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JobLease.class);
    private final LeaseStore leases;
    private final String job;
    private final String holder;
    private final Clock clock;
    private final Duration ttl;

    /**
     * @param job    the job's name, the same on every instance
     * @param holder this instance's id, unique among the instances sharing the database
     * @param ttl    how long the lease lasts unless renewed: comfortably longer than the gap between renewals
     */
    public JobLease(LeaseStore leases, String job, String holder, Clock clock, Duration ttl) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.job = Objects.requireNonNull(job, "job");
        this.holder = Objects.requireNonNull(holder, "holder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
    }

    /**
     * Takes the lease, or renews it if this instance already holds it.
     *
     * @return false if another instance holds it
     * @throws org.chatvault.server.storage.StoreException if the database fails
     */
    public boolean acquire() {
        return leases.tryAcquireLease(job, holder, clock.instant(), ttl);
    }

    /** Gives the lease up early, so the next instance need not wait for it to expire. */
    public void release() {
        leases.releaseLease(job, holder);
    }

    /**
     * Runs {@code work} while holding the lease and gives it up afterwards; returns
     * {@code heldElsewhere} without running anything if another instance holds it. A failure to
     * release is logged, not thrown: the work is done and the lease runs out by itself.
     */
    public <T> T runHolding(Supplier<T> work, T heldElsewhere) {
        if (!acquire()) {
            log.debug("another instance holds the {} lease; not running it", job);
            return heldElsewhere;
        }
        try {
            return work.get();
        } finally {
            try {
                release();
            } catch (RuntimeException e) {
                log.warn("could not release the {} lease; it expires within {}", job, ttl, e);
            }
        }
    }

    /**
     * Runs a job's {@code work} over a pager: a dry run changes nothing, so it takes no lease and
     * its pager renews none; a real run holds the lease as {@link #runHolding} does.
     */
    public <T> T runPaged(boolean dryRun, Function<LeasedAccountPager, T> work, T heldElsewhere) {
        if (dryRun) return work.apply(new LeasedAccountPager(null));
        return runHolding(() -> work.apply(new LeasedAccountPager(this)), heldElsewhere);
    }

    public String job() { return job; }

    public String holder() { return holder; }
}
