package org.chatvault.server.store.sql;

import java.nio.file.Path;
import org.chatvault.server.billing.SubscriptionStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;
import org.junit.jupiter.api.io.TempDir;

class SqliteSubscriptionStoreTest extends SubscriptionStoreContract {
    @TempDir Path dir;

    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.sqlite(dir.resolve("metadata.db")); }
}
