package org.chatvault.server.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.account.Principal;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.store.fs.FileSystemObjectStore;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.HeadService;
import org.chatvault.server.vault.ObjectIndex;
import org.chatvault.server.vault.ObjectService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The services a background vault job works on, over a real SQLite file and object directory, with one account. */
abstract class JobTestBase {
    static final Duration DELAY = Duration.ofHours(24);
    @TempDir Path dir;
    MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    SqlStores stores;
    ObjectIndex index;
    LeaseStore leases;
    FileSystemObjectStore blobs;
    ObjectService objects;
    HeadService heads;
    SweepJob sweeper;
    Principal alice = new Principal("acc-alice", "session");
    TestObjects vault = new TestObjects(seed());

    /** Seed of the test objects. */
    abstract long seed();

    @BeforeEach
    void open() throws IOException {
        stores = SqlStores.sqlite(dir.resolve("metadata.db"));
        index = stores.objects();
        leases = stores.leases();
        blobs = new FileSystemObjectStore(dir.resolve("objects"));
        Files.createDirectories(dir.resolve("tmp"));
        objects = new ObjectService(index, blobs, dir.resolve("tmp"), clock, new ServerMetrics());
        heads = new HeadService(index, clock);
        sweeper = new SweepJob(index, stores.accounts(), leases, blobs, clock, DELAY, "this-instance");
        stores.accounts().createAccount(new AccountRecord(alice.accountId(), "alice", "alice",
                new LoginHash(new byte[16], new byte[32], new Argon2Params(64, 1, 1)), clock.instant(), null));
    }

    @AfterEach
    void close() {
        stores.close();
    }
}
