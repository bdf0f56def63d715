package org.chatvault.server.store.sql;

import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.chatvault.server.abuse.BucketStore;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * What really differs between the databases the SQL stores run on: how times are stored, how
 * text is ordered, how rows are locked, which failures are worth retrying, and the connections
 * (their pools and, for SQLite, the single writer), how a list of values is bound. Everything
 * else is the same SQL.
 */
sealed interface SqlDialect permits SqliteDialect, PostgresDialect {

    /** Registers how this database stores {@link java.time.Instant}s, and any plugin. */
    void configure(Jdbi jdbi);

    /** Whether a transaction that failed this way may simply be run again. */
    boolean retryable(SQLException e);

    /** Clause after a text column ordering it by bytes (empty where that is the default). */
    String byteOrder();

    /** Suffix of a SELECT locking its rows until the transaction ends (empty where writers are serialised anyway). */
    String forUpdate();

    /** How many values one statement binds for {@link #oneOf}: SQLite limits bound parameters, PostgreSQL takes one array. */
    int valuesPerStatement();

    /** The condition that {@code column} is one of the values bound by {@link #bindAll} as {@code name}. */
    String oneOf(String column, String name);

    <S extends SqlStatement<S>> S bindAll(S statement, String name, Class<?> type, List<?> values);

    /**
     * Where rate-limit buckets live: in this process for SQLite, whose file one server instance
     * owns; in the database for PostgreSQL, shared by every instance.
     */
    BucketStore rateLimitBuckets(Clock clock);

    /** Closes the connections. */
    void close();
}
