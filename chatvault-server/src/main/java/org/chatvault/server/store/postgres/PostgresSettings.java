package org.chatvault.server.store.postgres;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how to reach the PostgreSQL database holding the server's metadata.
 *
 * @param url       JDBC URL, {@code jdbc:postgresql://host:5432/database}
 * @param user      login role
 * @param password  its password (never logged); empty when the server trusts the connection
 * @param poolSize  connections this server instance keeps open; each instance has its own pool,
 *                  so N instances use up to N × poolSize of the server's {@code max_connections}
 * @param schema    schema holding the tables, created by the migrations if missing; lets several
 *                  deployments (or test runs) share one database
 */
public record PostgresSettings(String url, String user, String password, int poolSize, String schema) {
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final int MAX_POOL_SIZE = 1_000;
    public static final String DEFAULT_SCHEMA = "public";
    public static final String URL_PREFIX = "jdbc:postgresql://";
    /** Unquoted identifiers only, so the name never needs quoting or escaping anywhere. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(schema, "schema");
        password = password == null ? "" : password;
        if (!url.startsWith(URL_PREFIX)) throw new IllegalArgumentException("url must start with " + URL_PREFIX);
        if (user.isBlank()) throw new IllegalArgumentException("user must not be blank");
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) throw new IllegalArgumentException("poolSize must be 1-" + MAX_POOL_SIZE);
        checkSchema(schema);
    }

    /** @throws IllegalArgumentException unless {@code schema} is a plain lower-case identifier */
    public static void checkSchema(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches())
            throw new IllegalArgumentException("is not a lower-case identifier ([a-z_][a-z0-9_]*, at most 63 characters)");
    }

    /** The settings with another schema: tests give every run its own. */
    public PostgresSettings withSchema(String other) {
        return new PostgresSettings(url, user, password, poolSize, other);
    }

    /** The URL without its query, where a password may have been put. */
    public String redactedUrl() {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?…";
    }

    @Override public String toString() {
        return "PostgresSettings[url=" + redactedUrl() + ", user=" + user + ", poolSize=" + poolSize + ", schema=" + schema + "]";
    }
}
