package org.chatvault.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.chatvault.server.abuse.BoundedWorkQueue;
import org.chatvault.server.abuse.RateLimits;
import org.chatvault.server.account.AccountLifecycleService;
import org.chatvault.server.account.AccountService;
import org.chatvault.server.account.KeySlotService;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.SubscriptionService;
import org.chatvault.server.billing.direct.DirectReceiptVerifier;
import org.chatvault.server.billing.apple.AppleBilling;
import org.chatvault.server.billing.google.GooglePlayBilling;
import org.chatvault.server.billing.google.PlaySetupException;
import org.chatvault.server.device.DeviceService;
import org.chatvault.core.files.OwnerOnly;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.http.ApiRoutes;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.signing.RequestSigning;
import org.chatvault.server.config.ConfigException;
import org.chatvault.server.jobs.JobScheduler;
import org.chatvault.server.jobs.LifecycleResult;
import org.chatvault.server.jobs.RepackJob;
import org.chatvault.server.jobs.SweepJob;
import org.chatvault.server.account.LoginThrottlePolicy;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.tls.HttpsConnector;
import org.chatvault.server.store.sql.SqlAppleNotificationLog;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.ObjectService;
import org.chatvault.server.vault.RelabelService;
import org.chatvault.server.vault.UsageService;
import org.chatvault.server.vault.VaultPolicy;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Chatvault server: the HTTP API of docs/API.md over the configured stores (SQLite
 * metadata and filesystem objects under the data directory by default; PostgreSQL and S3 when
 * several instances share the data), and background jobs: the data lifecycle (retention cuts,
 * deleted and unused accounts), a sweep of dropped objects, then a repack of sparse and small packs.
 *
 * <pre>{@code
 * try (ChatvaultServer server = ChatvaultServer.start(ServerConfig.forTesting(dir), Clock.systemUTC())) {
 *     URI api = server.baseUri(); // http://127.0.0.1:<port>/
 * }
 * }</pre>
 */
public final class ChatvaultServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatvaultServer.class);
    static final String TMP_DIR = "tmp";
    private static final Duration JOB_INTERVAL = Duration.ofMinutes(60);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    /** Failed-login counts older than this block nothing and are deleted. */
    private static final Duration STALE_LOGIN_FAILURES = Duration.ofDays(1);

    private final ServerConfig config;
    private final ServerStores stores;
    private final Http http;
    private final ServerJobs jobs;
    private final JobScheduler scheduler;
    private boolean closed;

    private ChatvaultServer(ServerConfig config, ServerStores stores, Http http, ServerJobs jobs, JobScheduler scheduler) {
        this.config = config;
        this.stores = stores;
        this.http = http;
        this.jobs = jobs;
        this.scheduler = scheduler;
    }

    /**
     * The listening side: Javalin, nested in a handler that counts the requests in flight so that
     * stopping can wait for them (an upload, a restore stream) before it stops Jetty.
     */
    private record Http(Javalin app, GracefulHandler graceful) {
        /** Refuses new requests (503), waits up to {@code grace} for those in flight to finish, then stops Jetty. */
        void stop(Duration grace) {
            try {
                // Waiting on the handler rather than giving Jetty a stop timeout: Jetty would also
                // wait out idle keep-alive connections, which costs every shutdown a second.
                graceful.shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("requests still running after {}; stopping anyway", grace);
            } catch (ExecutionException e) {
                log.warn("waiting for requests in flight failed; stopping anyway", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            app.stop();
        }
    }

    /**
     * Opens (creating if needed) the data directory and the configured stores, and starts serving.
     *
     * @param clock the time every rule uses: token expiry, commit times, deletion delays
     * @throws ServerStartException if the data directory cannot be prepared or the port cannot be bound
     * @throws ConfigException if the TLS certificate or key file is missing or unusable
     * @throws org.chatvault.server.storage.StoreException if the metadata database cannot be reached, opened or migrated
     */
    public static ChatvaultServer start(ServerConfig config, Clock clock) {
        Path dataDir = config.dataDir().toAbsolutePath();
        Path tmpDir = dataDir.resolve(TMP_DIR);
        // Read first: a bad certificate or key stops the start before anything is opened.
        HttpsConnector https = config.tls() == null ? null : HttpsConnector.load(config.tls(), clock);
        try {
            OwnerOnly.directory(dataDir); // accounts, key slots and packs: no other user of the machine reads them
            recreate(tmpDir); // spool files of uploads a crash interrupted
        } catch (IOException e) {
            throw new ServerStartException("cannot prepare data directory " + dataDir + ": " + describe(e), e);
        }
        ServerStores stores = ServerStores.open(config, dataDir);
        SqlStores metadata = stores.metadata();
        ObjectStore blobs = stores.objects();
        JobScheduler scheduler = null;
        try {
            SecureRandom random = new SecureRandom();
            String instanceId = newInstanceId(random);
            ServerMetrics metrics = new ServerMetrics();
            RateLimits rateLimits = new RateLimits(config.abuse(), metadata.database().rateLimitBuckets(clock));
            BoundedWorkQueue hashQueue = config.abuse().newHashQueue();
            metrics.watch(hashQueue);
            AuditLog audit = new AuditLog(metadata.audit(), clock);
            KeySlotService keySlots = new KeySlotService(metadata.accounts(), clock, audit);
            DeviceService devices = new DeviceService(metadata.devices(), metadata.accounts(), keySlots, audit, clock, random);
            SubscriptionService subscriptions = new SubscriptionService(metadata.subscriptions(), config.billing().catalogs(), clock);
            EntitlementService entitlements = new EntitlementService(metadata.subscriptions(), config.billing(), clock);
            VaultPolicy policy = new VaultPolicy(entitlements::current);
            ApiRoutes.Services services = new ApiRoutes.Services(
                    new AccountService(metadata.accounts(), clock, config.accessTokenTtl(), config.refreshTokenTtl(), config.loginHashParams(),
                            LoginThrottlePolicy.DEFAULT, random, devices, audit, rateLimits, hashQueue),
                    keySlots,
                    new ObjectService(metadata.objects(), blobs, tmpDir, clock, metrics, stores.packTiering(config), policy),
                    new RelabelService(metadata.objects(), blobs, tmpDir, clock, policy),
                    new HeadService(metadata.objects(), clock, policy),
                    metrics,
                    stores,
                    config.maxBatchBytes(),
                    devices,
                    audit,
                    new RequestSigning(metadata.accounts()::findVaultPublicKey, metadata.signatures(), clock, config.signatureWindow()),
                    rateLimits,
                    subscriptions,
                    entitlements,
                    config.billing().direct() == null ? null : DirectReceiptVerifier.of(config.billing().direct(), clock),
                    AppleBilling.open(config.billing().apple(), subscriptions, metadata.subscriptions(),
                            new SqlAppleNotificationLog(metadata.database()), clock),
                    googlePlay(config, subscriptions, metadata, clock),
                    new UsageService(metadata.objects(), entitlements),
                    new AccountLifecycleService(metadata.lifecycle(), audit, clock));
            // Javalin nests its handlers inside this wrapper, which counts requests in flight so
            // close() can wait for them (an upload, a restore stream) before stopping Jetty.
            GracefulHandler graceful = new GracefulHandler();
            Javalin app = listen(config, Javalin.create(cfg -> {
                ApiRoutes.configure(cfg, services);
                // Javalin adds its plain HTTP connector only when none was added: with TLS this one is the only one.
                if (https != null) cfg.jetty.addConnector((server, http) -> https.connector(server, http, config.host(), config.port()));
                cfg.jetty.modifyServer(server -> server.setHandler(graceful));
            }));
            ServerJobs jobs = new ServerJobs(stores, config, tmpDir, clock, instanceId);
            scheduler = new JobScheduler(jobs.all(), () -> forgetStaleRecords(metadata, rateLimits, clock),
                    Duration.ofMinutes(1), JOB_INTERVAL);
            ChatvaultServer server = new ChatvaultServer(config, stores, new Http(app, graceful), jobs, scheduler);
            log.info("Chatvault server instance {} listening on {} with data in {}; {}",
                    instanceId, server.baseUri(), dataDir, stores.description());
            return server;
        } catch (RuntimeException e) {
            if (scheduler != null) scheduler.close();
            stores.close();
            throw e;
        }
    }

    /**
     * Names this instance to the others sharing the database (as the holder of job leases) and in
     * its logs. Random, not the host name: two instances on one host, or a restarted one, must
     * not be mistaken for each other.
     */
    /** A random id naming this process to the others (leases, logs). */
    static String newInstanceId(SecureRandom random) {
        byte[] id = new byte[8];
        random.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Google Play purchases and notifications, or null when not configured; a key file it cannot use stops the start. */
    private static GooglePlayBilling googlePlay(ServerConfig config, SubscriptionService subscriptions, SqlStores metadata, Clock clock) {
        if (config.billing().google() == null) return null;
        try {
            return GooglePlayBilling.create(config.billing().google(), subscriptions, metadata.subscriptions(), clock);
        } catch (PlaySetupException e) {
            throw new ConfigException(e.getMessage(), e);
        }
    }

    /** Starts serving, turning a port that cannot be bound into one line for the operator. */
    private static Javalin listen(ServerConfig config, Javalin app) {
        try {
            return app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException b) {
                    app.stop();
                    throw new ServerStartException("cannot listen on " + config.host() + " port " + config.port() + ": "
                            + (b.getMessage() == null ? "the address is in use" : b.getMessage().toLowerCase(Locale.ROOT))
                            + "; choose another with server.port, CHATVAULT_SERVER_PORT or --port", e);
                }
            }
            throw e;
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                : String.valueOf(e.getMessage());
    }

    /** Idempotent and cheap, so every instance does it without a lease. */
    private static void forgetStaleRecords(SqlStores metadata, RateLimits rateLimits, Clock clock) {
        int stale = metadata.accounts().deleteStaleLoginFailures(clock.instant().minus(STALE_LOGIN_FAILURES));
        if (stale > 0) log.info("forgot {} stale failed-login counts", stale);
        // A replay of a request older than the window is refused as stale; its record is no longer needed.
        int signed = metadata.signatures().forgetBefore(clock.instant());
        if (signed > 0) log.debug("forgot {} signed requests past their window", signed);
        int idle = rateLimits.buckets().forgetIdle();
        if (idle > 0) log.debug("forgot {} full rate-limit buckets", idle);
    }

    private static void recreate(Path dir) throws IOException {
        if (Files.isDirectory(dir)) deleteTree(dir);
        OwnerOnly.directory(dir);
    }

    /** Deletes {@code dir} and everything below it (spool directories of uploads and jobs). */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }

    /** The bound port: the configured one, or the one picked when the configuration said 0. */
    public int port() { return http.app().port(); }

    /** Where clients reach the API, with a trailing slash ({@code http://127.0.0.1:8420/}, {@code https://…} with TLS). */
    public URI baseUri() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) host = "127.0.0.1";
        else if (host.contains(":") && !host.startsWith("[")) host = "[" + host + "]";
        return URI.create((config.tls() != null ? "https://" : "http://") + host + ":" + port() + "/");
    }

    public ServerConfig config() { return config; }

    /** The metadata stores this instance opened: for tests and tools that set up what no route creates (a verified purchase). */
    public SqlStores metadata() { return stores.metadata(); }

    /** This instance's random id, new at every start; it holds the job leases this instance takes. */
    public String instanceId() { return jobs.instanceId(); }

    /**
     * Sweeps dropped objects now, on this instance's sweeper thread (after a sweep already
     * running there), and waits for it: for tests and operators who will not wait for the
     * schedule. Does nothing, and says so in the result, while another instance holds the lease.
     *
     * @throws IllegalStateException if the server is closed or the caller is interrupted
     * @throws org.chatvault.server.storage.StoreException if the metadata database fails
     */
    public SweepJob.Result sweepDroppedObjectsNow() {
        return scheduler.runNow(() -> jobs.sweep().run(false), "sweep");
    }

    /**
     * Repacks sparse and small packs now, on the same thread as the sweeps, and waits for it;
     * like {@link #sweepDroppedObjectsNow()}, for tests and operators. Does nothing, and says so,
     * while another instance holds the repack lease.
     *
     * @throws IllegalStateException if the server is closed or the caller is interrupted
     * @throws org.chatvault.server.storage.StoreException if the metadata database fails
     */
    public RepackJob.Result repackNow() {
        return scheduler.runNow(() -> jobs.repack().run(false), "repack");
    }

    /**
     * Runs the lifecycle job now (retention cuts, deleted and unused accounts), on the jobs thread, and waits
     * for it; like {@link #sweepDroppedObjectsNow()}, for tests and operators.
     *
     * @throws IllegalStateException if the server is closed or the caller is interrupted
     */
    public LifecycleResult lifecycleNow() {
        return scheduler.runNow(() -> jobs.lifecycle().run(false), "lifecycle");
    }

    /**
     * Refuses new requests (503), waits up to 30 s for those in flight to finish, stops Jetty,
     * then closes the stores. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        // Cancelling the runs that never started wakes anyone waiting in sweepDroppedObjectsNow().
        scheduler.close();
        try {
            http.stop(GRACEFUL_STOP);
        } finally {
            stores.close();
            log.info("Chatvault server stopped");
        }
    }

    /**
     * Runs a server until the process is stopped. Arguments: an optional properties file;
     * environment variables override it (see {@link ServerConfig#load}).
     */
    public static void main(String[] args) {
        Path file = args.length > 0 ? Path.of(args[0]) : null;
        ChatvaultServer server;
        try {
            server = start(ServerConfig.load(file, System.getenv()), Clock.systemUTC());
        } catch (ConfigException | ServerStartException e) {
            // An operator's mistake: one line and exit 2, as for bad usage, never a stack trace.
            System.err.println("chatvault server: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "chatvault-shutdown"));
    }
}
