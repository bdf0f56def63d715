package org.chatvault.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.chatvault.server.store.postgres.PostgresSettings;

/**
 * The PostgreSQL database the tests run against, handing out a fresh schema per test so runs
 * are isolated from each other and can repeat or overlap; {@link #close()} drops them.
 *
 * <p>Found through {@code CHATVAULT_TEST_PG_URL}, {@code CHATVAULT_TEST_PG_USER} and
 * {@code CHATVAULT_TEST_PG_PASSWORD} (defaults: {@value #DEFAULT_URL}, chatvault, chatvault).
 * When the default local database is down, {@code scripts/postgres-test-setup} is run once to
 * start it. When it still cannot be reached the tests fail rather than skip: a skipped backend looks the same
 * as a tested one in a green build.
 */
public final class PostgresTestDatabase implements AutoCloseable {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/chatvault_test";
    private static final int POOL_SIZE = 8;
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static boolean setupTried;

    private final PostgresSettings base;
    private final List<String> schemas = new ArrayList<>();

    private PostgresTestDatabase(PostgresSettings base) {
        this.base = base;
    }

    /** @throws AssertionError saying to run scripts/postgres-test-setup when the database cannot be reached */
    public static PostgresTestDatabase connect() {
        String url = env("CHATVAULT_TEST_PG_URL", DEFAULT_URL);
        PostgresSettings base = new PostgresSettings(url, env("CHATVAULT_TEST_PG_USER", "chatvault"),
                env("CHATVAULT_TEST_PG_PASSWORD", "chatvault"), POOL_SIZE, PostgresSettings.DEFAULT_SCHEMA);
        PostgresTestDatabase db = new PostgresTestDatabase(base);
        if (db.reachable() == null) return db;
        if (System.getenv("CHATVAULT_TEST_PG_URL") == null) runSetupScript(); // the local default: start it
        try (Connection c = db.connection()) {
            c.isValid(CONNECT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL tests need a database, but " + url + " (user " + base.user() + ") is unreachable: "
                    + e.getMessage() + "\nRun scripts/postgres-test-setup to start and prepare the local PostgreSQL, or point "
                    + "CHATVAULT_TEST_PG_URL / CHATVAULT_TEST_PG_USER / CHATVAULT_TEST_PG_PASSWORD at one.", e);
        }
        return db;
    }

    /** @return null if a connection works, else why not */
    private SQLException reachable() {
        try (Connection c = connection()) {
            c.isValid(CONNECT_TIMEOUT_SECONDS);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    /**
     * Runs scripts/postgres-test-setup once per JVM, so that {@code ./mvnw verify} works on a
     * machine where PostgreSQL is installed but stopped. Whatever it prints goes to the test log.
     */
    private static synchronized void runSetupScript() {
        if (setupTried) return;
        setupTried = true;
        Path script = findSetupScript();
        if (script == null) return;
        try {
            Process p = new ProcessBuilder(script.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            System.err.println("[PostgresTestDatabase] " + script + (done ? " exited " + p.exitValue() : " timed out") + ":\n" + output);
        } catch (IOException e) {
            System.err.println("[PostgresTestDatabase] could not run " + script + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path findSetupScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts/postgres-test-setup");
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Settings for a new schema no one else uses (the store creates it on open). */
    public PostgresSettings newSchema() {
        String schema = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        schemas.add(schema);
        return base.withSchema(schema);
    }

    /** A plain connection as the test user, for looking at what a store wrote. */
    public Connection connection() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", base.user());
        p.setProperty("password", base.password());
        p.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(base.url(), p);
    }

    /** Drops every schema handed out. */
    @Override
    public void close() {
        if (schemas.isEmpty()) return;
        try (Connection c = connection(); Statement s = c.createStatement()) {
            for (String schema : schemas) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            schemas.clear();
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schemas " + schemas, e);
        }
    }
}
