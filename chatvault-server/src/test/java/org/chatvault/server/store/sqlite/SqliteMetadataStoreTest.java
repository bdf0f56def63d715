package org.chatvault.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.MetadataStoreContract;
import org.chatvault.server.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteMetadataStoreTest extends MetadataStoreContract {
    @TempDir Path dir;

    private Path file() { return dir.resolve("metadata.db"); }

    @Override
    protected MetadataStore newStore() {
        return SqliteMetadataStore.open(file());
    }

    @Override
    protected MetadataStore reopen(MetadataStore s) {
        s.close();
        return SqliteMetadataStore.open(file());
    }

    @Test
    void usesWalAndAMigratedSchema() {
        assertThat(file()).exists();
        assertThat(Files.exists(dir.resolve("metadata.db-wal"))).isTrue();
    }

    @Test
    void closedStoreRefusesCalls() {
        store.close();
        assertThatThrownBy(() -> store.head("x")).isInstanceOf(StoreException.class);
        store = newStore(); // for the @AfterEach close
    }

    @Test
    void unreadableFileIsAStoreException() throws Exception {
        Path bad = dir.resolve("not-a-db");
        Files.writeString(bad, "this is not an SQLite database, just text long enough to fill a header.................");
        assertThatThrownBy(() -> SqliteMetadataStore.open(bad)).isInstanceOf(StoreException.class).hasMessageContaining("not-a-db");
    }
}
