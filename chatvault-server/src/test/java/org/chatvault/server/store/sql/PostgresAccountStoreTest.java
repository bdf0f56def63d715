package org.chatvault.server.store.sql;

import org.chatvault.server.account.AccountStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresAccountStoreTest extends AccountStoreContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
