package org.chatvault.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.chatvault.server.store.StoreException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to one SQLite file. SQLite allows one writer at a time, so there is exactly one
 * write connection, guarded by a lock: transactions queue in the JVM instead of spinning on
 * SQLITE_BUSY. Write transactions start with {@code BEGIN IMMEDIATE}, so even another process on
 * the same file (a lifecycle job) cannot slip a write between our reads and writes. Reads go to
 * a small pool of separate connections which, in WAL mode, run beside the writer and see the
 * last committed state.
 */
final class SqliteDatabase implements AutoCloseable {
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final ReentrantLock writeLock = new ReentrantLock();
    private final Connection writer;
    private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> all = new ArrayList<>();
    private volatile boolean closed;

    SqliteDatabase(Path file) {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            SQLiteDataSource writeSource = new SQLiteDataSource(config(SQLiteConfig.TransactionMode.IMMEDIATE));
            writeSource.setUrl(url);
            migrate(writeSource);
            writer = open(writeSource);
            SQLiteDataSource readSource = new SQLiteDataSource(config(SQLiteConfig.TransactionMode.DEFERRED));
            readSource.setUrl(url);
            for (int i = 0; i < READERS; i++) readers.add(open(readSource));
        } catch (SQLException | RuntimeException e) {
            closeAll();
            throw new StoreException("cannot open metadata database " + file + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config(SQLiteConfig.TransactionMode mode) {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: an acknowledged commit survives power loss, not only a process crash.
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout(BUSY_TIMEOUT_MS);
        c.enforceForeignKeys(true);
        c.setTransactionMode(mode);
        return c;
    }

    private static void migrate(SQLiteDataSource source) {
        Flyway.configure(SqliteDatabase.class.getClassLoader())
                .dataSource(source)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
    }

    private Connection open(SQLiteDataSource source) throws SQLException {
        Connection c = source.getConnection();
        all.add(c);
        return c;
    }

    /** Runs {@code work} in one write transaction; commits if it returns, rolls back if it throws. */
    <T> T write(String what, Work<T> work) {
        writeLock.lock();
        try {
            checkOpen();
            writer.setAutoCommit(false);
            try {
                T result = work.run(writer);
                writer.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(e);
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("metadata store failed to " + what + ": " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Runs {@code work} in one read transaction, so all its queries see the same snapshot. */
    <T> T read(String what, Work<T> work) {
        Connection c = borrowReader();
        try {
            c.setAutoCommit(false);
            try {
                return work.run(c);
            } finally {
                c.rollback(); // ends the read transaction; nothing was written
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("metadata store failed to " + what + ": " + e.getMessage(), e);
        } finally {
            readers.add(c);
        }
    }

    private Connection borrowReader() {
        checkOpen();
        try {
            Connection c = readers.poll(BUSY_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (c == null) throw new StoreException("no metadata database connection free after " + BUSY_TIMEOUT_MS + " ms", null);
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted waiting for a metadata database connection", e);
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            writer.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void checkOpen() {
        if (closed) throw new StoreException("metadata store is closed", null);
    }

    @Override
    public void close() {
        closed = true;
        // Waiting for the write lock lets an in-flight commit finish instead of being cut off.
        writeLock.lock();
        try {
            closeAll();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeAll() {
        for (Connection c : all) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway; nothing useful to do with the failure
            }
        }
        all.clear();
    }
}
