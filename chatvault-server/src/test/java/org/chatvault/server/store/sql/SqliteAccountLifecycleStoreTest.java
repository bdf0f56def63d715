package org.chatvault.server.store.sql;

import java.nio.file.Path;
import org.chatvault.server.account.AccountLifecycleStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;
import org.junit.jupiter.api.io.TempDir;

class SqliteAccountLifecycleStoreTest extends AccountLifecycleStoreContract {
    @TempDir Path dir;

    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.sqlite(dir.resolve("metadata.db")); }
}
