package org.chatvault.server.store.sql;

import org.chatvault.server.billing.apple.AppleNotificationLogContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresAppleNotificationLogTest extends AppleNotificationLogContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
