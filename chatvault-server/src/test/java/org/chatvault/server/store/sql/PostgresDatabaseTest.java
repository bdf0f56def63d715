package org.chatvault.server.store.sql;

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
import org.chatvault.server.vault.CommitOutcome;
import org.chatvault.server.vault.HeadChange;
import org.chatvault.server.vault.Head;
import org.chatvault.server.storage.StoreException;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.testing.SqlTestDatabase;
import org.chatvault.server.testing.StoreContractBase;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.ObjectIndex;
import org.junit.jupiter.api.Test;

/** What only PostgreSQL, a database several server instances share, must do; the store contracts run in their own tests. */
class PostgresDatabaseTest extends StoreContractBase {
    private SqlTestDatabase.Postgres pg;
    private PostgresSettings settings;

    @Override
    protected SqlTestDatabase newDatabase() {
        pg = SqlTestDatabase.postgres();
        settings = pg.settings();
        return pg;
    }

    @Test
    void tablesAndMigrationHistoryLiveInTheStoresSchema() throws SQLException {
        try (Connection c = pg.pg().connection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name")) {
            s.setString(1, settings.schema());
            List<String> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) tables.add(r.getString(1));
            }
            assertThat(tables).containsExactly("accounts", "apple_notifications", "audit_events", "devices", "flyway_schema_history", "heads",
                    "job_leases", "key_slots", "login_failures", "objects", "packs", "rate_limit_buckets", "request_signatures", "retired_key_slots",
                    "rotated_refresh_tokens", "subscription_events", "subscriptions", "tokens");
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
        try (SqlStores other = SqlStores.postgres(settings)) {
            assertThat(other.accounts().findAccountByUsername("alice")).isPresent();
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            CountDownLatch go = new CountDownLatch(1);
            try {
                List<Future<Integer>> wins = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    ObjectIndex mine = w % 2 == 0 ? index : other.objects();
                    HeadService heads = new HeadService(mine, java.time.Clock.systemUTC());
                    int first = w * rounds;
                    Callable<Integer> writer = () -> {
                        go.await();
                        int won = 0;
                        for (int i = 0; i < rounds; i++) {
                            long base = mine.head(alice).version();
                            CommitOutcome o = heads.compareAndSwap(alice, new HeadChange(base, roots[first + i], Set.of(), Set.of(), T0));
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
                assertThat(index.head(alice).version()).isEqualTo(total);
                assertThat(other.objects().head(alice).version()).isEqualTo(total);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void unreachableDatabaseIsAStoreExceptionWithoutThePassword() {
        PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:1/chatvault_test", "chatvault", "hunter2-secret", 1, "public");
        assertThatThrownBy(() -> SqlStores.postgres(nowhere))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("127.0.0.1:1")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("hunter2-secret"));
        assertThat(nowhere.toString()).doesNotContain("hunter2-secret");
    }

    @Test
    void theHeadRowComesWithTheAccount() throws SQLException {
        String alice = newAccount("alice");
        assertThat(index.head(alice)).isEqualTo(Head.EMPTY);
        try (Connection c = pg.pg().connection();
             PreparedStatement s = c.prepareStatement("SELECT version FROM " + settings.schema() + ".heads WHERE account_id = ?")) {
            s.setString(1, alice);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getLong(1)).isZero();
            }
        }
    }
}
