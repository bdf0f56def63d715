package org.chatvault.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a server instance's jobs on one thread: every run of this instance, scheduled or asked
 * for, happens there, one at a time, which is what lets a job's lease stand for the whole
 * instance. Each round runs the jobs in order (the sweep before the repack, so packs are measured
 * without the objects it just purged), then the housekeeping that needs no lease.
 */
public final class JobScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    /** How long close() lets an interrupted job finish the account it is on. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService thread;
    private final List<Job> jobs;
    private final Runnable housekeeping;

    /**
     * Starts the schedule: the first round after {@code firstDelay}, then {@code interval} after
     * each round ends.
     *
     * @param housekeeping idempotent and cheap work every instance may do without a lease
     */
    public JobScheduler(List<Job> jobs, Runnable housekeeping, Duration firstDelay, Duration interval) {
        this.jobs = List.copyOf(jobs);
        this.housekeeping = housekeeping;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "chatvault-jobs");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::round, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void round() {
        for (Job job : jobs) {
            try {
                job.run(false);
            } catch (RuntimeException e) {
                // Keep the schedule alive; the next round retries.
                log.error("job {} failed", job.name(), e);
            }
        }
        try {
            housekeeping.run();
        } catch (RuntimeException e) {
            log.error("housekeeping failed", e);
        }
    }

    /**
     * Runs {@code job} now on the jobs thread (after a run already going there) and waits for it.
     *
     * @throws IllegalStateException if the scheduler is closed or the caller is interrupted
     */
    public <R extends JobResult> R runNow(Callable<R> job, String what) {
        try {
            return thread.submit(job).get();
        } catch (RejectedExecutionException | CancellationException e) {
            throw new IllegalStateException("server is closed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(what + " failed", e.getCause());
        }
    }

    /**
     * Cancels queued runs (waking whoever waits in {@link #runNow}), interrupts a running one and
     * waits a little for it to stop between accounts: better than pulling the stores from under it.
     */
    @Override
    public void close() {
        for (Runnable queued : thread.shutdownNow()) {
            if (queued instanceof Future<?> f) f.cancel(false);
        }
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                log.warn("a job is still running after {}; closing the stores anyway", STOP_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
