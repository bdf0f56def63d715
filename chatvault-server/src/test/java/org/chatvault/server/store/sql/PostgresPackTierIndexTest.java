package org.chatvault.server.store.sql;

import org.chatvault.server.testing.SqlTestDatabase;
import org.chatvault.server.vault.PackTierIndexContract;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresPackTierIndexTest extends PackTierIndexContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
