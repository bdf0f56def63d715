package org.chatvault.bench.load;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;

/**
 * A schema of its own in the local PostgreSQL for one load run, dropped at the end, so runs
 * never see each other's accounts and leave nothing behind. The servers create its tables.
 */
final class PostgresSchema implements AutoCloseable {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/chatvault_test";
    private final String url;
    private final String user;
    private final String password;
    private final String name;

    private PostgresSchema(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = "load_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    }

    /** The database named by CHATVAULT_BENCH_PG_URL/_USER/_PASSWORD, or the one scripts/postgres-test-setup makes. */
    static PostgresSchema fromEnvironment() throws SQLException {
        PostgresSchema s = new PostgresSchema(env("CHATVAULT_BENCH_PG_URL", DEFAULT_URL), env("CHATVAULT_BENCH_PG_USER", "chatvault"),
                env("CHATVAULT_BENCH_PG_PASSWORD", "chatvault"));
        try (Connection c = s.connect()) {
            c.isValid(5); // fail here, with the URL in the message, rather than in two server logs
        } catch (SQLException e) {
            throw new SQLException("cannot reach PostgreSQL at " + s.url + " (start it with scripts/postgres-test-setup): " + e.getMessage(), e);
        }
        return s;
    }

    String name() { return name; }

    String url() { return url; }

    /** The server settings that put its metadata in this schema, as environment variables. */
    Map<String, String> serverSettings() {
        return Map.of("CHATVAULT_STORAGE_METADATA", "postgresql",
                "CHATVAULT_POSTGRES_URL", url,
                "CHATVAULT_POSTGRES_USER", user,
                "CHATVAULT_POSTGRES_PASSWORD", password,
                "CHATVAULT_POSTGRES_SCHEMA", name);
    }

    private Connection connect() throws SQLException { return DriverManager.getConnection(url, user, password); }

    @Override public void close() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
