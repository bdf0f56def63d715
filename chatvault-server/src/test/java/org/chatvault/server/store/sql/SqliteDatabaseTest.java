package org.chatvault.server.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.chatvault.core.format.ObjectId;
import org.chatvault.server.vault.Head;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;
import org.chatvault.server.storage.StoreException;
import org.chatvault.server.testing.SqlTestDatabase;
import org.chatvault.server.testing.StoreContractBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only SQLite must do; the store contracts run in their own tests. */
class SqliteDatabaseTest extends StoreContractBase {
    @TempDir Path dir;

    private Path file() { return dir.resolve("metadata.db"); }

    @Override
    protected SqlTestDatabase newDatabase() {
        return SqlTestDatabase.sqlite(file());
    }
    @Test
    void usesWalAndAMigratedSchema() {
        assertThat(file()).exists();
        assertThat(Files.exists(dir.resolve("metadata.db-wal"))).isTrue();
    }

    @Test
    void unreadableFileIsAStoreException() throws Exception {
        Path bad = dir.resolve("not-a-db");
        Files.writeString(bad, "this is not an SQLite database, just text long enough to fill a header.................");
        assertThatThrownBy(() -> SqlStores.sqlite(bad)).isInstanceOf(StoreException.class).hasMessageContaining("not-a-db");
    }

    @Test
    void accountsMadeBeforeHeadsCameWithAccountsGetAVersionZeroHead() throws Exception {
        Path old = dir.resolve("v4.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + old);
        Flyway.configure().dataSource(source).locations("classpath:db/migration/sqlite").target("4").load().migrate();
        ObjectId root = newId();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            for (String id : List.of("committed", "never-committed")) {
                s.executeUpdate("INSERT INTO accounts VALUES ('" + id + "', '" + id + "', '" + id + "', x'00', x'00', 64, 1, 1, 0)");
            }
            s.executeUpdate("INSERT INTO heads VALUES ('committed', 3, x'" + root.hex() + "', 1000)");
        }
        try (SqlStores migrated = SqlStores.sqlite(old)) {
            assertThat(migrated.objects().head("committed")).isEqualTo(new Head(3, root, Instant.ofEpochMilli(1000)));
            assertThat(migrated.objects().head("never-committed")).isEqualTo(Head.EMPTY);
            assertThat(migrated.objects().usage("never-committed").version()).isZero();
        }
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM heads")) {
            r.next();
            assertThat(r.getInt(1)).as("a head row for each account").isEqualTo(2);
        }
    }
}
