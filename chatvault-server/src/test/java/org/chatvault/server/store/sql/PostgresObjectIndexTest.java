package org.chatvault.server.store.sql;

import org.chatvault.server.vault.ObjectIndexContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresObjectIndexTest extends ObjectIndexContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
