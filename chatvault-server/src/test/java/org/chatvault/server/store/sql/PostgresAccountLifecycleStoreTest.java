package org.chatvault.server.store.sql;

import org.chatvault.server.account.AccountLifecycleStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresAccountLifecycleStoreTest extends AccountLifecycleStoreContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
