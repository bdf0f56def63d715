package org.chatvault.server.store.sql;

import org.chatvault.server.billing.SubscriptionStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
