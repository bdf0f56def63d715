package org.chatvault.client;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.chatvault.client.backup.BackupReport;

/**
 * Sync that runs by itself (docs/SYNC.md §3): a few seconds after local changes settle
 * (debounced, so a burst of messages is one sync), and every {@code poll} otherwise, to take in what
 * other devices wrote. Before each run it asks the embedding app whether now is allowed (a metered
 * network, a low battery); after a failure it waits longer each time, up to {@code maxBackoff}, so
 * a server that went away is retried gently and picked up again when it comes back.
 */
public final class AutoSync implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AutoSync.class);

    /** Asked before every run; false postpones it (checked again after {@code recheck}). */
    @FunctionalInterface
    public interface Conditions {
        boolean allowedNow();

        Conditions ALWAYS = () -> true;
    }

    /** Told about every run. Called on the sync thread. */
    public interface Listener {
        default void synced(BackupReport report) {}

        default void failed(RuntimeException error, Duration retryIn) {}

        Listener NONE = new Listener() {};
    }

    /**
     * @param settle     quiet time after the last change before a sync
     * @param poll       time between syncs when nothing changes here
     * @param recheck    how soon to ask again when the conditions said no
     * @param firstBackoff wait after the first failure, doubled each failure after it
     * @param maxBackoff longest wait between failed attempts
     */
    public record Settings(Duration settle, Duration poll, Duration recheck, Duration firstBackoff, Duration maxBackoff) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofMinutes(10));
    }

    private final Supplier<BackupReport> syncOnce;
    private final Clock clock;
    private final Settings settings;
    private final Conditions conditions;
    private final Listener listener;
    private final ScheduledExecutorService timer;
    private long lastChange = Long.MIN_VALUE;
    private boolean pending;
    private long notBefore;
    private long lastRun;
    private int failures;

    /** @param syncOnce one pull-and-push, e.g. {@code () -> new BackupService(session, store, clock).run(BackupListener.NONE)} */
    public AutoSync(Supplier<BackupReport> syncOnce, Clock clock, Settings settings, Conditions conditions, Listener listener) {
        this.syncOnce = syncOnce;
        this.clock = clock;
        this.settings = settings;
        this.conditions = conditions;
        this.listener = listener;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("chatvault-autosync").daemon().unstarted(r));
        this.lastRun = clock.millis();
        schedule(settings.poll());
    }

    /** Something changed locally: sync once changes have settled. */
    public synchronized void changed() {
        lastChange = clock.millis();
        pending = true;
        schedule(settings.settle());
    }

    private void schedule(Duration in) {
        if (!timer.isShutdown()) timer.schedule(this::tick, Math.max(0, in.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Duration next;
        synchronized (this) {
            long now = clock.millis();
            boolean settled = pending && now - lastChange >= settings.settle().toMillis();
            boolean pollDue = now - lastRun >= settings.poll().toMillis();
            if (now < notBefore || !(settled || pollDue)) return; // another tick is scheduled for then
            if (!conditions.allowedNow()) {
                schedule(settings.recheck());
                return;
            }
            pending = false;
        }
        try {
            BackupReport r = syncOnce.get();
            synchronized (this) {
                failures = 0;
                lastRun = clock.millis();
                notBefore = 0;
            }
            listener.synced(r);
            next = settings.poll();
        } catch (RuntimeException e) {
            synchronized (this) {
                failures++;
                pending = true;
                long wait = Math.min(settings.maxBackoff().toMillis(), settings.firstBackoff().toMillis() << Math.min(20, failures - 1));
                notBefore = clock.millis() + wait;
                next = Duration.ofMillis(wait);
            }
            log.info("automatic sync failed ({}); trying again in {} s", e.getMessage(), next.toSeconds());
            listener.failed(e, next);
        }
        schedule(next);
    }

    @Override public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
