package org.chatvault.server.store.sql;

import org.chatvault.server.audit.AuditStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresAuditStoreTest extends AuditStoreContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
