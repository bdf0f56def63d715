package org.chatvault.client.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.chatvault.core.files.OwnerOnly;

/**
 * The LocalStore's one SQLite connection and the client's one JDBC helper: transactions that nest
 * into the caller's, a query with a binder and a reader, failures turned into
 * {@link LocalStoreException}. Every part of the store ({@link Conversations}, {@link MessageWriter},
 * {@link MessageReader}, {@link SearchIndex}, {@link MediaUses}, {@link Deletions}, {@link SyncState})
 * works through it.
 *
 * <p>All of them share one lock, the {@link LocalStore} facade's monitor: callers that hold the
 * store while calling several parts see one consistent store, as before the store was split.
 */
record LocalDatabase(Path file, Connection connection, Object lock) {
    interface SqlWork { void run() throws SQLException; }
    interface Binder { void bind(PreparedStatement ps) throws SQLException; }
    interface Reader<T> { T read(ResultSet rs) throws SQLException; }

    /** Opens (creating if need be) the database at {@code file}, with its schema applied; {@code lock} guards every call. */
    static LocalDatabase open(Path file, Object lock) {
        try {
            // Plaintext chats: owner-only, and so SQLite's -wal and -shm, which take the database's mode.
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) OwnerOnly.directory(parent); // an existing one may be any folder of the user's
            OwnerOnly.sqliteDatabase(file);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA cache_size=-65536");
                s.execute("PRAGMA temp_store=MEMORY");
                // Checkpoint every ~80 MB of log rather than SQLite's 4 MB: a page changed by several
                // transactions in between is copied into the database once, which cut a large restore's
                // writes by a fifth; the log file is cut back to 64 MiB after each checkpoint.
                s.execute("PRAGMA wal_autocheckpoint=20000");
                s.execute("PRAGMA journal_size_limit=67108864");
            }
            LocalSchema.apply(c);
            return new LocalDatabase(file, c, lock);
        } catch (SQLException | java.io.IOException e) {
            throw new LocalStoreException("cannot open local store " + file + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in a transaction, or inside the caller's transaction when one is open. */
    void inTransaction(SqlWork work) {
        synchronized (lock) {
            try {
                if (!connection.getAutoCommit()) {
                    work.run();
                    return;
                }
                connection.setAutoCommit(false);
                try {
                    work.run();
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw fail("write", e);
            }
        }
    }

    <T> T query(String sql, Binder binder, Reader<T> reader) {
        synchronized (lock) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            } catch (SQLException e) {
                throw fail("query", e);
            }
        }
    }

    /** A query whose one row holds one number (0 when there is no row). */
    long queryLong(String sql, Binder binder) {
        return query(sql, binder, rs -> rs.next() ? rs.getLong(1) : 0L);
    }

    void update(String sql) {
        synchronized (lock) {
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(sql);
            } catch (SQLException e) {
                throw fail("update", e);
            }
        }
    }

    static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) ps.setNull(i, Types.VARCHAR); else ps.setString(i, v);
    }

    LocalStoreException fail(String what, SQLException e) {
        return new LocalStoreException("local store " + file + ": " + what + " failed: " + e.getMessage(), e);
    }

    void close() {
        synchronized (lock) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw fail("close", e);
            }
        }
    }
}
