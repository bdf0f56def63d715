package org.chatvault.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.billing.BillingConfig;

/**
 * Everything the server needs to start. Build one with {@link #defaults()} or
 * {@link #forTesting(Path)} and adjust it with the {@code with…} methods, or read it from a
 * properties file plus environment overrides with {@link #load(Path, Map)}.
 *
 * @param host             interface to bind, {@code 127.0.0.1} by default so a laptop install is not exposed
 * @param port             TCP port; 0 picks any free port (tests)
 * @param dataDir          holds {@code tmp/}, and {@code metadata.db} and {@code objects/} with the embedded backends
 * @param maxBatchBytes    largest batch upload accepted, in bytes
 * @param accessTokenTtl   lifetime of an access token (short: a revoked session's stolen access token dies with it)
 * @param refreshTokenTtl  the absolute lifetime of a session from its login: refresh tokens rotate on use but keep
 *                         this expiry, so refreshing cannot extend a session past it
 * @param loginHashParams  Argon2id cost for hashing login secrets at rest
 * @param dropSafetyDelay  how long objects dropped by a commit stay fetchable before deletion, and
 *                         old copies of moved objects before their pack is deleted
 * @param repackThreshold  a pack whose live objects fill less than this share of it is rewritten
 *                         by the repack job; 0 only merges small packs
 * @param metadata         where accounts, tokens, key slots, the object index and heads live
 * @param objects          where pack blobs live
 * @param signatureWindow  how far a signed request's timestamp may be from the server's clock, either way
 *                         (docs/API.md "Signed requests"); accepted requests are remembered this long against replays
 * @param abuse            rate limits, the bound on the Argon2id queue, the size of one fetch answer
 * @param tls              the PEM certificate chain and private key to serve HTTPS with (and only HTTPS,
 *                         with {@code Strict-Transport-Security}); null for plain HTTP, as behind a TLS proxy
 * @param billing          plans, prices, the grace period after a lapse, and the stores purchases are accepted from
 */
public record ServerConfig(
        String host,
        int port,
        Path dataDir,
        long maxBatchBytes,
        Duration accessTokenTtl,
        Duration refreshTokenTtl,
        Argon2Params loginHashParams,
        Duration dropSafetyDelay,
        double repackThreshold,
        MetadataBackend metadata,
        ObjectBackend objects,
        Duration signatureWindow,
        AbuseLimits abuse,
        TlsFiles tls,
        BillingConfig billing) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8420;
    public static final long DEFAULT_MAX_BATCH_BYTES = 64L * 1024 * 1024;
    /** Batches hold at least one frame of an 8 MiB object; below this limit uploads could never succeed. */
    public static final long MIN_BATCH_BYTES = 9L * 1024 * 1024;
    /** Upper bound keeps a single upload's temp file and request time sane. */
    public static final long MAX_BATCH_BYTES = 2L * 1024 * 1024 * 1024;
    public static final double DEFAULT_REPACK_THRESHOLD = 0.5;
    public static final Duration DEFAULT_SIGNATURE_WINDOW = Duration.ofMinutes(5);
    /** A wider window only lengthens the time a captured request could be replayed somewhere it was not yet seen. */
    public static final Duration MAX_SIGNATURE_WINDOW = Duration.ofHours(1);
    /**
     * Above this, a pack that just lost a few objects would be copied again and again: a pack
     * is never 100% live (its magic and frame headers), and copying to win back a few percent
     * costs more than the space.
     */
    public static final double MAX_REPACK_THRESHOLD = 0.9;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        Objects.requireNonNull(refreshTokenTtl, "refreshTokenTtl");
        Objects.requireNonNull(loginHashParams, "loginHashParams");
        Objects.requireNonNull(dropSafetyDelay, "dropSafetyDelay");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(objects, "objects");
        Objects.requireNonNull(signatureWindow, "signatureWindow");
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(billing, "billing");
        if (host.isBlank()) throw new ConfigException("host must not be blank");
        if (port < 0 || port > 65_535) throw new ConfigException("port must be 0-65535, not " + port);
        if (maxBatchBytes < MIN_BATCH_BYTES || maxBatchBytes > MAX_BATCH_BYTES)
            throw new ConfigException("maxBatchBytes must be between " + MIN_BATCH_BYTES + " and " + MAX_BATCH_BYTES + " bytes, not " + maxBatchBytes);
        requirePositive("accessTokenTtl", accessTokenTtl);
        requirePositive("refreshTokenTtl", refreshTokenTtl);
        requirePositive("signatureWindow", signatureWindow);
        if (signatureWindow.compareTo(MAX_SIGNATURE_WINDOW) > 0)
            throw new ConfigException("signatureWindow must be at most " + MAX_SIGNATURE_WINDOW + ", not " + signatureWindow);
        if (dropSafetyDelay.isNegative()) throw new ConfigException("dropSafetyDelay must not be negative");
        if (!(repackThreshold >= 0 && repackThreshold <= MAX_REPACK_THRESHOLD))
            throw new ConfigException("repackThreshold must be between 0 and " + MAX_REPACK_THRESHOLD + ", not " + repackThreshold);
    }

    /**
     * Production defaults: loopback on 8420, {@code ./data}, 64 MiB batches, 15 min access tokens and 90 d sessions,
     * 24 h drop delay, packs under half live repacked, SQLite metadata and filesystem objects in the
     * data directory, a ±5 min window for signed requests, plain HTTP.
     */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, Path.of("data"), DEFAULT_MAX_BATCH_BYTES,
                Duration.ofMinutes(15), Duration.ofDays(90), Argon2Params.LOGIN, Duration.ofHours(24), DEFAULT_REPACK_THRESHOLD,
                MetadataBackend.SQLITE, ObjectBackend.FILESYSTEM, DEFAULT_SIGNATURE_WINDOW, AbuseLimits.defaults(), null, BillingConfig.defaults());
    }

    /**
     * For tests and demos: a free port on loopback, the given data directory, a login hash
     * cheap enough that registering an account takes milliseconds, and no per-address limits
     * (every test client comes from the one loopback address).
     */
    public static ServerConfig forTesting(Path dataDir) {
        return defaults().withPort(0).withDataDir(dataDir).withLoginHashParams(new Argon2Params(64, 1, 1))
                .withAbuse(AbuseLimits.forTesting());
    }

    /**
     * Reads settings from an optional properties file, then lets environment variables override
     * them (see {@link ServerConfigLoader} for the names).
     *
     * @throws ConfigException naming the setting and its source when a value is unreadable or out of range
     */
    public static ServerConfig load(Path fileOrNull, Map<String, String> env) {
        return new ServerConfigLoader(fileOrNull, env).load();
    }

    public ServerConfig withHost(String v) { return new ServerConfig(v, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withPort(int v) { return new ServerConfig(host, v, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withDataDir(Path v) { return new ServerConfig(host, port, v, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withMaxBatchBytes(long v) { return new ServerConfig(host, port, dataDir, v, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withAccessTokenTtl(Duration v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, v, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withRefreshTokenTtl(Duration v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, v, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withLoginHashParams(Argon2Params v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, v, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withDropSafetyDelay(Duration v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, v, repackThreshold, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withRepackThreshold(double v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, v, metadata, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withMetadata(MetadataBackend v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, v, objects, signatureWindow, abuse, tls, billing); }
    public ServerConfig withObjects(ObjectBackend v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, v, signatureWindow, abuse, tls, billing); }

    public ServerConfig withSignatureWindow(Duration v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, v, abuse, tls, billing); }
    public ServerConfig withAbuse(AbuseLimits v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, v, tls, billing); }
    /** Serves HTTPS only, with this certificate chain and key; null for plain HTTP. */
    public ServerConfig withTls(TlsFiles v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, v, billing); }

    public ServerConfig withBilling(BillingConfig v) { return new ServerConfig(host, port, dataDir, maxBatchBytes, accessTokenTtl, refreshTokenTtl, loginHashParams, dropSafetyDelay, repackThreshold, metadata, objects, signatureWindow, abuse, tls, v); }

    private static void requirePositive(String name, Duration d) {
        if (d.isNegative() || d.isZero()) throw new ConfigException(name + " must be positive, not " + d);
    }
}
