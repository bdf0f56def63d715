package org.chatvault.server.store.sql;

import java.nio.file.Path;
import org.chatvault.server.testing.SqlTestDatabase;
import org.chatvault.server.vault.PackTierIndexContract;
import org.junit.jupiter.api.io.TempDir;

class SqlitePackTierIndexTest extends PackTierIndexContract {
    @TempDir Path dir;

    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.sqlite(dir.resolve("metadata.db")); }
}
