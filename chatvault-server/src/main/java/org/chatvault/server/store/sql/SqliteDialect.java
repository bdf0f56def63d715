package org.chatvault.server.store.sql;

import java.time.Clock;
import org.chatvault.server.abuse.BucketStore;
import org.chatvault.server.abuse.LocalBucketStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.chatvault.core.files.OwnerOnly;
import org.chatvault.server.storage.StoreException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.SqlStatement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite: times as epoch milliseconds, and one writer. SQLite allows one writer at a time, so
 * the write pool holds exactly one connection: transactions queue in the JVM instead of
 * spinning on SQLITE_BUSY. Write transactions start with {@code BEGIN IMMEDIATE}, so even another
 * process on the same file (an operator's job) cannot slip a write between our reads and writes.
 * Reads go to a few separate connections which, in WAL mode, run beside the writer and see the
 * last committed state.
 */
final class SqliteDialect implements SqlDialect {
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;
    /** A writer waits its turn however long the queue: a commit should be slow, not fail. */
    private static final long WRITER_WAIT_MS = 600_000;

    private final HikariDataSource writes;
    private final HikariDataSource reads;

    private SqliteDialect(HikariDataSource writes, HikariDataSource reads) {
        this.writes = writes;
        this.reads = reads;
    }

    /** Opens (creating if needed) and migrates the database file. */
    static SqlDatabase open(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        HikariDataSource writes = null;
        try {
            OwnerOnly.sqliteDatabase(file); // login hashes and key slots: owner-only, the -wal and -shm too
            SQLiteDataSource writeSource = source(url, SQLiteConfig.TransactionMode.IMMEDIATE);
            Flyway.configure(SqliteDialect.class.getClassLoader()).dataSource(writeSource)
                    .locations("classpath:db/migration/sqlite").load().migrate();
            writes = pool("chatvault-sqlite-writer", writeSource, 1, WRITER_WAIT_MS);
            HikariDataSource reads = pool("chatvault-sqlite-readers", source(url, SQLiteConfig.TransactionMode.DEFERRED), READERS,
                    BUSY_TIMEOUT_MS);
            SqliteDialect dialect = new SqliteDialect(writes, reads);
            return new SqlDatabase(dialect, writes, reads);
        } catch (RuntimeException | java.io.IOException e) {
            if (writes != null) writes.close();
            throw new StoreException("cannot open metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteDataSource source(String url, SQLiteConfig.TransactionMode mode) {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: an acknowledged commit survives power loss, not only a process crash.
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout(BUSY_TIMEOUT_MS);
        c.enforceForeignKeys(true);
        c.setTransactionMode(mode);
        SQLiteDataSource s = new SQLiteDataSource(c);
        s.setUrl(url);
        return s;
    }

    private static HikariDataSource pool(String name, SQLiteDataSource source, int size, long waitMs) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(source);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(waitMs);
        return new HikariDataSource(config);
    }

    @Override
    public void configure(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.BIGINT) {
            @Override protected Argument build(Instant t, ConfigRegistry config) {
                return (pos, s, ctx) -> s.setLong(pos, t.toEpochMilli());
            }
        });
        jdbi.registerColumnMapper(Instant.class, (r, col, ctx) -> {
            long millis = r.getLong(col);
            return r.wasNull() ? null : Instant.ofEpochMilli(millis);
        });
    }

    @Override public boolean retryable(SQLException e) { return false; }

    @Override public int valuesPerStatement() { return 500; } // well under SQLite's bound-parameter limit

    @Override public String oneOf(String column, String name) { return column + " IN (<" + name + ">)"; }

    @Override public <S extends SqlStatement<S>> S bindAll(S statement, String name, Class<?> type, List<?> values) {
        return statement.bindList(name, values);
    }

    @Override public String byteOrder() { return ""; } // BINARY is SQLite's default collation

    @Override public String forUpdate() { return ""; } // the one writer connection already excludes every other writer

    /** One instance owns an SQLite file, so buckets in its memory are as good as shared ones, and cost no write. */
    @Override public BucketStore rateLimitBuckets(Clock clock) { return new LocalBucketStore(clock); }

    @Override
    public void close() {
        try {
            reads.close();
        } finally {
            writes.close();
        }
    }
}
