package org.chatvault.server.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.chatvault.server.store.StoreException;
import org.flywaydb.core.Flyway;

/**
 * A HikariCP pool on one PostgreSQL schema, migrated by Flyway on open. Several server
 * instances share the database, so nothing here is cached: every call asks the database, and
 * transactions run at READ COMMITTED with row locks where a read must stay true until commit.
 *
 * <p>A write transaction that PostgreSQL aborts for a deadlock or a serialization failure is
 * run again from the start: the work is a pure function of the database, so repeating it is
 * safe, and those aborts are how PostgreSQL resolves contention, not errors.
 */
final class PostgresDatabase implements AutoCloseable {
    private static final String MIGRATIONS = "classpath:db/migration/postgresql";
    private static final long CONNECTION_TIMEOUT_MS = 10_000;
    private static final int MAX_ATTEMPTS = 5;
    /** serialization_failure, deadlock_detected */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource pool;

    PostgresDatabase(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("chatvault-metadata");
        config.setDriverClassName("org.postgresql.Driver");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        // Every pooled connection resolves unqualified table names in our schema only.
        config.setSchema(settings.schema());
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.addDataSourceProperty("ApplicationName", "chatvault-server");
        HikariDataSource opened = null;
        try {
            opened = new HikariDataSource(config); // fails here, not on first use, if the database is unreachable
            migrate(opened, settings.schema());
        } catch (RuntimeException e) {
            if (opened != null) opened.close();
            throw new StoreException("cannot open metadata database " + settings.redactedUrl() + " (schema " + settings.schema()
                    + "): " + e.getMessage(), e);
        }
        this.pool = opened;
    }

    private static void migrate(HikariDataSource source, String schema) {
        // Flyway takes a PostgreSQL advisory lock, so instances starting together migrate once.
        Flyway.configure(PostgresDatabase.class.getClassLoader())
                .dataSource(source)
                .locations(MIGRATIONS)
                .schemas(schema)
                .load()
                .migrate();
    }

    /** Runs a single statement (or statements that need not agree) outside a transaction. */
    <T> T read(String what, Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs {@code work} in one transaction; commits if it returns, rolls back if it throws. */
    <T> T write(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work);
            } catch (SQLException e) {
                if (attempt == MAX_ATTEMPTS || !RETRYABLE.contains(e.getSQLState())) throw failure(what, e);
                pause(attempt);
            }
        }
    }

    private <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // the pool restores auto-commit when the connection returns
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Random, growing pauses so transactions that collided do not collide again in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted retrying a metadata transaction", e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static StoreException failure(String what, SQLException e) {
        return new StoreException("metadata store failed to " + what + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        pool.close(); // idempotent; later calls fail because the pool hands out no more connections
    }
}
