package org.chatvault.server.store.sql;

import java.nio.file.Path;
import org.chatvault.server.jobs.LeaseStoreContract;
import org.chatvault.server.testing.SqlTestDatabase;
import org.junit.jupiter.api.io.TempDir;

class SqliteLeaseStoreTest extends LeaseStoreContract {
    @TempDir Path dir;

    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.sqlite(dir.resolve("metadata.db")); }
}
