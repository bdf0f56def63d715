package org.chatvault.server.config;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.store.s3.S3Settings;
import org.chatvault.server.vault.ColdTierPolicy;

/**
 * Reads the storage settings: {@code storage.metadata} ({@code sqlite} or {@code postgresql})
 * with the {@code postgres.*} settings, and {@code storage.objects} ({@code filesystem} or
 * {@code s3}) with the {@code s3.*} settings. A backend's settings are required only when it is
 * chosen, and rejected when it is not: a PostgreSQL URL next to {@code storage.metadata=sqlite}
 * means the operator believes the server uses a database it does not.
 */
final class StorageConfigLoader {
    static final String METADATA = "storage.metadata";
    static final String POSTGRES_URL = "postgres.url";
    static final String POSTGRES_USER = "postgres.user";
    static final String POSTGRES_PASSWORD = "postgres.password";
    static final String POSTGRES_POOL_SIZE = "postgres.pool-size";
    static final String POSTGRES_SCHEMA = "postgres.schema";
    static final String OBJECTS = "storage.objects";
    static final String S3_ENDPOINT = "s3.endpoint";
    static final String S3_REGION = "s3.region";
    static final String S3_BUCKET = "s3.bucket";
    static final String S3_PREFIX = "s3.prefix";
    static final String S3_ACCESS_KEY = "s3.access-key";
    static final String S3_SECRET_KEY = "s3.secret-key";
    static final String S3_PATH_STYLE = "s3.path-style";
    static final String S3_PART_SIZE = "s3.part-size";
    static final String S3_COLD_STORAGE_CLASS = "s3.cold-storage-class";
    static final String S3_COLD_AFTER_MONTHS = "s3.cold-after-months";
    static final String S3_COLD_MIN_PACK_SIZE = "s3.cold-min-pack-size";
    static final List<String> POSTGRES_KEYS = List.of(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_POOL_SIZE, POSTGRES_SCHEMA);
    static final List<String> S3_KEYS = List.of(S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_PREFIX, S3_ACCESS_KEY, S3_SECRET_KEY,
            S3_PATH_STYLE, S3_PART_SIZE, S3_COLD_STORAGE_CLASS, S3_COLD_AFTER_MONTHS, S3_COLD_MIN_PACK_SIZE);
    static final List<String> KEYS = Stream.of(List.of(METADATA, OBJECTS), POSTGRES_KEYS, S3_KEYS).flatMap(List::stream).toList();

    static final String DEFAULT_S3_REGION = "us-east-1";
    /** S3's own limit on one part. */
    static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;
    /** S3 bucket naming rules (also MinIO's): 3-63 of lower-case letters, digits, dots and dashes. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    /** Key segments as the object stores accept them, each followed by a slash or not. */
    private static final Pattern PREFIX = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/?)*");

    private StorageConfigLoader() {}

    static MetadataBackend metadata(ConfigSource source) {
        if (!sharedChosen(source, METADATA, "sqlite", "postgresql", POSTGRES_KEYS, POSTGRES_URL, POSTGRES_USER))
            return MetadataBackend.SQLITE;
        // The URL is kept out of messages: its query may carry a password.
        String url = source.getSecret(POSTGRES_URL, null, StorageConfigLoader::parsePostgresUrl);
        String user = source.get(POSTGRES_USER, null, s -> nonEmpty(s, "a role name"));
        String password = source.getSecret(POSTGRES_PASSWORD, "", Function.identity());
        int poolSize = source.get(POSTGRES_POOL_SIZE, PostgresSettings.DEFAULT_POOL_SIZE,
                s -> ServerConfigLoader.parseInt(s, 1, PostgresSettings.MAX_POOL_SIZE));
        String schema = source.get(POSTGRES_SCHEMA, PostgresSettings.DEFAULT_SCHEMA, s -> {
            PostgresSettings.checkSchema(s);
            return s;
        });
        return new MetadataBackend.Postgres(new PostgresSettings(url, user, password, poolSize, schema));
    }

    static ObjectBackend objects(ConfigSource source) {
        if (!sharedChosen(source, OBJECTS, "filesystem", "s3", S3_KEYS, S3_BUCKET, S3_ACCESS_KEY, S3_SECRET_KEY))
            return ObjectBackend.FILESYSTEM;
        return new ObjectBackend.S3(new S3Settings(
                source.get(S3_ENDPOINT, null, ServerConfigLoader::parseHttpUrl),
                source.get(S3_REGION, DEFAULT_S3_REGION, s -> nonEmpty(s, "a region such as us-east-1")),
                source.get(S3_BUCKET, null, StorageConfigLoader::parseBucket),
                source.get(S3_PREFIX, "", StorageConfigLoader::parsePrefix),
                source.getSecret(S3_ACCESS_KEY, null, s -> nonEmpty(s, "an access key id")),
                source.getSecret(S3_SECRET_KEY, null, s -> nonEmpty(s, "a secret access key")),
                source.get(S3_PATH_STYLE, false, StorageConfigLoader::parseBoolean),
                source.get(S3_PART_SIZE, S3Settings.DEFAULT_PART_SIZE, StorageConfigLoader::parsePartSize),
                coldTier(source)));
    }

    /** The cold tier: off unless {@code s3.cold-storage-class} is set, which its other settings then need. */
    private static ColdTierPolicy coldTier(ConfigSource source) {
        if (!source.isSet(S3_COLD_STORAGE_CLASS)) {
            for (String key : List.of(S3_COLD_AFTER_MONTHS, S3_COLD_MIN_PACK_SIZE)) {
                if (source.isSet(key))
                    throw new ConfigException(source.sourceOf(key) + " is set but " + S3_COLD_STORAGE_CLASS
                            + " is not; set it (e.g. STANDARD_IA) to move old packs to a colder storage class, or remove " + key);
            }
            return null;
        }
        return new ColdTierPolicy(
                source.get(S3_COLD_STORAGE_CLASS, null, S3Settings::checkColdStorageClass),
                source.get(S3_COLD_AFTER_MONTHS, ColdTierPolicy.DEFAULT_AFTER_MONTHS,
                        s -> ServerConfigLoader.parseInt(s, 1, ColdTierPolicy.MAX_AFTER_MONTHS)),
                source.get(S3_COLD_MIN_PACK_SIZE, ColdTierPolicy.DEFAULT_MIN_PACK_BYTES, ServerConfigLoader::parseSize));
    }

    /**
     * Reads the backend {@code choice}: {@code local} (the default, in the data directory) or
     * {@code shared} (a service several instances share). With the local one, none of the shared
     * one's {@code sharedKeys} may be set; with the shared one, its {@code required} keys must be.
     *
     * @return whether the shared backend is chosen
     */
    private static boolean sharedChosen(ConfigSource source, String choice, String local, String shared, List<String> sharedKeys,
                                        String... required) {
        String kind = source.get(choice, local, s -> oneOf(s, local, shared));
        if (kind.equals(local)) {
            rejectUnused(source, sharedKeys, choice, local, shared);
            return false;
        }
        String why = "when " + choice + " is " + shared;
        for (String key : required) source.require(key, why);
        return true;
    }

    private static void rejectUnused(ConfigSource source, List<String> keys, String choice, String chosen, String other) {
        for (String key : keys) {
            if (source.isSet(key))
                throw new ConfigException(source.sourceOf(key) + " is set but " + choice + " is " + chosen
                        + "; remove it or set " + choice + "=" + other);
        }
    }

    private static String oneOf(String s, String... allowed) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (String a : allowed) if (a.equals(lower)) return a;
        throw new IllegalArgumentException("is not one of " + String.join(", ", allowed));
    }

    private static String nonEmpty(String s, String what) {
        if (s.isEmpty()) throw new IllegalArgumentException("is empty; give " + what);
        return s;
    }

    private static String parsePostgresUrl(String s) {
        String url = s.trim();
        if (!url.startsWith(PostgresSettings.URL_PREFIX) || url.length() == PostgresSettings.URL_PREFIX.length())
            throw new IllegalArgumentException("is not a PostgreSQL JDBC URL (write " + PostgresSettings.URL_PREFIX + "host:5432/database)");
        return url;
    }

    private static String parseBucket(String s) {
        if (!BUCKET.matcher(s).matches())
            throw new IllegalArgumentException("is not a bucket name (3-63 lower-case letters, digits, dots and dashes)");
        return s;
    }

    private static String parsePrefix(String s) {
        if (!PREFIX.matcher(s).matches())
            throw new IllegalArgumentException("is not a key prefix (segments of letters, digits, '.', '_' and '-' separated by '/')");
        return s;
    }

    private static boolean parseBoolean(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("is neither true nor false");
        };
    }

    private static long parsePartSize(String s) {
        long v = ServerConfigLoader.parseSize(s);
        if (v < S3Settings.MIN_PART_SIZE || v > MAX_PART_SIZE)
            throw new IllegalArgumentException("is out of range: S3 parts must be 5MiB-5GiB");
        return v;
    }
}
