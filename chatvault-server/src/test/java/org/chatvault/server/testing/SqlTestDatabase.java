package org.chatvault.server.testing;

import java.nio.file.Path;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.store.sql.SqlStores;

/** A metadata database for one test: SQLite in a file, or PostgreSQL in a schema of its own (dropped on close). */
public interface SqlTestDatabase extends AutoCloseable {

    /** Opens the stores on this database; every call opens the same database again. */
    SqlStores open();

    @Override
    void close();

    static SqlTestDatabase sqlite(Path file) {
        return new SqlTestDatabase() {
            @Override public SqlStores open() { return SqlStores.sqlite(file); }

            @Override public void close() {}
        };
    }

    /** A fresh schema in the test PostgreSQL; see {@link PostgresTestDatabase}. */
    static Postgres postgres() {
        return new Postgres(PostgresTestDatabase.connect());
    }

    /** @param pg the test PostgreSQL, for tests that look into it */
    record Postgres(PostgresTestDatabase pg, PostgresSettings settings) implements SqlTestDatabase {
        Postgres(PostgresTestDatabase pg) {
            this(pg, pg.newSchema());
        }

        @Override public SqlStores open() { return SqlStores.postgres(settings); }

        @Override public void close() { pg.close(); }
    }
}
