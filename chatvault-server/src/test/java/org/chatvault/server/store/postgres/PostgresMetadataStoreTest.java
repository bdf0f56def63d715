package org.chatvault.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.ObjectKind;
import org.chatvault.server.store.CommitOutcome;
import org.chatvault.server.store.HeadChange;
import org.chatvault.server.store.MetadataStore;
import org.chatvault.server.store.MetadataStoreContract;
import org.chatvault.server.store.StoreException;
import org.chatvault.server.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The metadata contract on PostgreSQL, each test in a schema of its own, plus what only a shared database must do. */
class PostgresMetadataStoreTest extends MetadataStoreContract {
    private final PostgresTestDatabase pg = PostgresTestDatabase.connect();
    private PostgresSettings settings;

    @Override
    protected MetadataStore newStore() {
        settings = pg.newSchema();
        return PostgresMetadataStore.open(settings);
    }

    @Override
    protected MetadataStore reopen(MetadataStore s) {
        s.close();
        return PostgresMetadataStore.open(settings);
    }

    @AfterEach
    void dropSchema() {
        store.close(); // before the drop, so no pooled connection is left on a vanished schema
        pg.close();
    }

    @Test
    void tablesAndMigrationHistoryLiveInTheStoresSchema() throws SQLException {
        try (Connection c = pg.connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            s.setString(1, settings.schema());
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) tables.add(r.getString(1));
            }
            assertThat(tables).containsExactly("accounts", "flyway_schema_history", "heads", "job_leases", "key_slots", "login_failures", "objects", "packs", "tokens");
        }
    }

    @Test
    void instancesSharingTheDatabaseSeeEachOthersWritesAndOneCommitWinsPerVersion() throws Exception {
        String alice = newAccount("alice");
        int rounds = 10;
        int writers = 6;
        ObjectId[] roots = new ObjectId[rounds * writers];
        for (int i = 0; i < roots.length; i++) roots[i] = newId();
        index(alice, ObjectKind.ROOT_MANIFEST, roots);
        // Two stores with pools of their own: two server instances, nothing shared but the database.
        try (MetadataStore other = PostgresMetadataStore.open(settings)) {
            assertThat(other.findAccountByUsername("alice")).isPresent();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Integer>> wins = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    MetadataStore mine = w % 2 == 0 ? store : other;
                    int first = w * rounds;
                    Callable<Integer> writer = () -> {
                        go.await();
                        int won = 0;
                        for (int i = 0; i < rounds; i++) {
                            long base = mine.head(alice).version();
                            CommitOutcome o = mine.commit(alice, new HeadChange(base, roots[first + i], Set.of(), Set.of(), T0));
                            if (o instanceof CommitOutcome.Committed c) {
                                assertThat(c.version()).isEqualTo(base + 1);
                                won++;
                            } else {
                                assertThat(o).isInstanceOf(CommitOutcome.Conflict.class);
                            }
                        }
                        return won;
                    };
                    wins.add(pool.submit(writer));
                }
                go.countDown();
                int total = 0;
                for (Future<Integer> f : wins) total += f.get();
                // No lost update: every success moved the head exactly one version.
                assertThat(total).isPositive();
                assertThat(store.head(alice).version()).isEqualTo(total);
                assertThat(other.head(alice).version()).isEqualTo(total);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void unreachableDatabaseIsAStoreExceptionWithoutThePassword() {
        PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:1/chatvault_test", "chatvault", "hunter2-secret", 1, "public");
        assertThatThrownBy(() -> PostgresMetadataStore.open(nowhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2-secret"));
        assertThat(nowhere.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void closedStoreRefusesCalls() {
        store.close();
        assertThatThrownBy(() -> store.head("x")).isInstanceOf(StoreException.class);
    }
}
