package org.chatvault.server.store.sql;

import org.chatvault.server.jobs.LeaseStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresLeaseStoreTest extends LeaseStoreContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
