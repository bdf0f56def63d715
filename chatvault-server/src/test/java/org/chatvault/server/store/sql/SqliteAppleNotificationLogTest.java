package org.chatvault.server.store.sql;

import java.nio.file.Path;
import org.chatvault.server.billing.apple.AppleNotificationLogContract;
import org.chatvault.server.testing.SqlTestDatabase;
import org.junit.jupiter.api.io.TempDir;

class SqliteAppleNotificationLogTest extends AppleNotificationLogContract {
    @TempDir Path dir;

    @Override protected SqlTestDatabase newDatabase() { return SqlTestDatabase.sqlite(dir.resolve("metadata.db")); }
}
