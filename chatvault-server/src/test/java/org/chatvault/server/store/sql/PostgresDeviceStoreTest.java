package org.chatvault.server.store.sql;

import org.chatvault.server.device.DeviceStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;

/** The contract on PostgreSQL, each test in a schema of its own. */
class PostgresDeviceStoreTest extends DeviceStoreContract {
    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.postgres(); }
}
