package org.chatvault.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.chatvault.core.files.OwnerOnly;
import java.time.Clock;
import java.time.Instant;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.jobs.LifecycleJob;
import java.util.List;
import org.chatvault.server.config.ObjectBackend;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.jobs.Job;
import org.chatvault.server.jobs.JobResult;
import org.chatvault.server.jobs.RepackJob;
import org.chatvault.server.jobs.SweepJob;
import org.chatvault.server.jobs.TierJob;

/**
 * The jobs of one server instance over its stores, as configured: what the server schedules
 * and what an operator runs once with {@code chatvault jobs run NAME [--dry-run]}.
 */
public final class ServerJobs {
    /** The names operators run jobs by, in the order a round runs them. */
    public static final List<String> NAMES = List.of("lifecycle", "sweep", "repack", "tier");

    private final String instanceId;
    private final SweepJob sweep;
    private final RepackJob repack;
    private final TierJob tier;
    private final LifecycleJob lifecycle;

    /** @param instanceId who takes the jobs' leases: a server instance's id, or an operator's run's */
    ServerJobs(ServerStores stores, ServerConfig config, Path tmpDir, Clock clock, String instanceId) {
        this.instanceId = instanceId;
        this.sweep = new SweepJob(stores.metadata().objects(), stores.metadata().accounts(), stores.metadata().leases(), stores.objects(), clock,
                config.dropSafetyDelay(), instanceId);
        this.repack = new RepackJob(stores.metadata().objects(), stores.metadata().leases(), stores.objects(), tmpDir, clock,
                RepackJob.Settings.of(config.repackThreshold(), config.dropSafetyDelay()), stores.packTiering(config), instanceId);
        this.tier = new TierJob(stores.packTiers(), stores.metadata().leases(), stores.objects(), clock, config.objects().coldTier(),
                config.objects() instanceof ObjectBackend.S3
                        ? "no cold storage class is configured (s3.cold-storage-class)"
                        : "objects are kept on the filesystem, which has a single storage class", instanceId);
        this.lifecycle = new LifecycleJob(stores.metadata().objects(), stores.metadata().lifecycle(),
                new EntitlementService(stores.metadata().subscriptions(), config.billing(), clock), new AuditLog(stores.metadata().audit(), clock),
                stores.objects(), stores.metadata().leases(), clock, instanceId);
    }

    String instanceId() { return instanceId; }

    SweepJob sweep() { return sweep; }

    RepackJob repack() { return repack; }

    LifecycleJob lifecycle() { return lifecycle; }

    /** Every job, in the order of {@link #NAMES}: the order a scheduled round runs them in (the lifecycle marks expired months before the sweep looks for dropped objects). */
    List<Job> all() { return List.of(lifecycle, sweep, repack, tier); }

    private Job named(String name) {
        return all().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Opens the stores {@code config} names (as {@code chatvault server} does), runs one job once,
     * and closes them. A real run takes the job's lease like a server instance would, so it waits
     * for no one and does nothing while a server is running the same job.
     *
     * @throws IllegalArgumentException if {@code name} is not one of {@link #NAMES}
     * @throws org.chatvault.server.storage.StoreException if the metadata database cannot be opened or fails
     * @throws UncheckedIOException if the data directory cannot be prepared
     */
    public static JobResult runOnce(ServerConfig config, Clock clock, String name, boolean dryRun) {
        return runOnce(config, clock, name, dryRun, null);
    }

    /**
     * As {@link #runOnce(ServerConfig, Clock, String, boolean)}, evaluated at {@code asOf} when given: what a
     * run on that later date would do, which only the lifecycle job can say, and only as a dry run.
     *
     * @throws IllegalArgumentException also if {@code asOf} is given for another job or without {@code dryRun}
     */
    public static JobResult runOnce(ServerConfig config, Clock clock, String name, boolean dryRun, Instant asOf) {
        if (!NAMES.contains(name)) throw new IllegalArgumentException("no job named '" + name + "'; jobs: " + String.join(", ", NAMES));
        if (asOf != null && !name.equals("lifecycle")) throw new IllegalArgumentException("only the lifecycle job previews a later date (--as-of)");
        if (asOf != null && !dryRun) throw new IllegalArgumentException("--as-of previews a later date and changes nothing: it needs --dry-run");
        Path dataDir = config.dataDir().toAbsolutePath();
        Path tmpDir = dataDir.resolve(ChatvaultServer.TMP_DIR).resolve("job-" + ChatvaultServer.newInstanceId(new SecureRandom()));
        try {
            OwnerOnly.directory(tmpDir); // a directory of its own: a running server empties its tmp only when it starts
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare data directory " + dataDir, e);
        }
        try (ServerStores stores = ServerStores.open(config, dataDir)) {
            ServerJobs jobs = new ServerJobs(stores, config, tmpDir, clock, "operator-" + ChatvaultServer.newInstanceId(new SecureRandom()));
            if (asOf != null) return jobs.lifecycle().preview(asOf);
            return jobs.named(name).run(dryRun);
        } finally {
            deleteQuietly(tmpDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            ChatvaultServer.deleteTree(dir);
        } catch (IOException ignored) {
            // a leftover spool directory is emptied at the server's next start
        }
    }
}
