package org.chatvault.server.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.chatvault.server.abuse.BucketStore;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.chatvault.core.format.ObjectId;
import org.chatvault.server.storage.StoreException;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.array.SqlArrayType;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * PostgreSQL, for several server instances sharing one database: a HikariCP pool on one schema,
 * migrated by Flyway on open, times as {@code timestamptz}. Nothing is cached: every call asks
 * the database, and transactions run at READ COMMITTED with row locks ({@code FOR UPDATE}) where
 * a read must stay true until commit.
 *
 * <p>A write transaction that PostgreSQL aborts for a deadlock or a serialization failure is
 * run again from the start: the work is a pure function of the database, so repeating it is
 * safe, and those aborts are how PostgreSQL resolves contention, not errors.
 */
final class PostgresDialect implements SqlDialect {
    private static final long CONNECTION_TIMEOUT_MS = 10_000;
    /** serialization_failure, deadlock_detected */
    private static final Set<String> RETRYABLE = Set.of("40001", "40P01");

    private final HikariDataSource pool;

    private PostgresDialect(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Connects, creating the schema and migrating it if needed.
     *
     * @throws StoreException if the database is unreachable, refuses the login, or cannot be migrated
     */
    static SqlDatabase open(PostgresSettings settings) {
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
            // Flyway takes a PostgreSQL advisory lock, so instances starting together migrate once.
            Flyway.configure(PostgresDialect.class.getClassLoader()).dataSource(opened)
                    .locations("classpath:db/migration/postgresql").schemas(settings.schema()).load().migrate();
        } catch (RuntimeException e) {
            if (opened != null) opened.close();
            throw new StoreException("cannot open metadata database " + settings.redactedUrl() + " (schema " + settings.schema()
                    + "): " + e.getMessage(), e);
        }
        return new SqlDatabase(new PostgresDialect(opened), opened, opened);
    }

    @Override
    public void configure(Jdbi jdbi) {
        jdbi.installPlugin(new PostgresPlugin());
        jdbi.registerArrayType(new SqlArrayType<ObjectId>() {
            @Override public String getTypeName() { return "bytea"; }

            @Override public Object convertArrayElement(ObjectId id) { return id.toBytes(); }

            @Override public Class<?> getArrayElementClass() { return byte[].class; } // the driver wants a byte[][]
        });
        // PostgreSQL keeps microseconds; truncating here (the driver would round) means a stored
        // time is never later than the one given.
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override protected Argument build(Instant t, ConfigRegistry config) {
                return (pos, s, ctx) -> s.setObject(pos, t.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (r, col, ctx) -> {
            OffsetDateTime t = r.getObject(col, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        });
    }

    @Override public boolean retryable(SQLException e) { return RETRYABLE.contains(e.getSQLState()); }

    @Override public int valuesPerStatement() { return Integer.MAX_VALUE; }

    /** One array parameter however many values: one plan, and one statement instead of a list per few hundred. */
    @Override public String oneOf(String column, String name) { return column + " = ANY (:" + name + ")"; }

    @Override public <S extends SqlStatement<S>> S bindAll(S statement, String name, Class<?> type, List<?> values) {
        return statement.bindArray(name, type, values);
    }

    @Override public String byteOrder() { return " COLLATE \"C\""; } // the same byte order as SQLite, whatever the locale

    @Override public String forUpdate() { return " FOR UPDATE"; }

    @Override public BucketStore rateLimitBuckets(Clock clock) { return new PostgresBucketStore(pool, clock); }

    @Override public void close() { pool.close(); } // idempotent; later calls fail: the pool hands out no more connections
}
