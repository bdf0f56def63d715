package org.chatvault.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.account.Principal;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.store.fs.FileSystemObjectStore;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch spanning many months becomes one pack per month, written at once; all or nothing as before. */
class PackWriterTest {
    @TempDir Path dir;
    private final MutableClock clock = MutableClock.startingAt("2024-05-01T00:00:00Z");
    private final Principal alice = new Principal("acc-alice", "session");
    private final TestObjects vault = new TestObjects(13);
    private SqlStores stores;
    private FileSystemObjectStore files;

    @BeforeEach
    void open() throws IOException {
        stores = SqlStores.sqlite(dir.resolve("metadata.db"));
        files = new FileSystemObjectStore(dir.resolve("objects"));
        Files.createDirectories(dir.resolve("tmp"));
        stores.accounts().createAccount(new AccountRecord(alice.accountId(), "alice", "alice",
                new LoginHash(new byte[16], new byte[32], new Argon2Params(64, 1, 1)), clock.instant(), null));
    }

    @AfterEach
    void close() {
        stores.close();
    }

    private ObjectService service(ObjectStore blobs) {
        return new ObjectService(stores.objects(), blobs, dir.resolve("tmp"), clock, new ServerMetrics());
    }

    /** Three segments in each of twelve months, interleaved as a backup of several conversations sends them. */
    private List<SealedObject> yearOfSegments() {
        List<SealedObject> objects = new ArrayList<>();
        for (int round = 0; round < 3; round++)
            for (int month = 1; month <= 12; month++) objects.add(vault.segment(202300 + month, 500 + 100 * round + month));
        return objects;
    }

    @Test
    void everyMonthGetsItsOwnPackHoldingExactlyItsObjects() throws IOException {
        ObjectService objects = service(files);
        List<SealedObject> sent = yearOfSegments();
        UploadResult result = objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(sent)));
        assertThat(result.stored()).isEqualTo(sent.size());
        assertThat(files.list("packs/" + alice.accountId() + "/")).hasSize(12);
        assertThat(objects.missing(alice, sent.stream().map(SealedObject::id).toList())).isEmpty();
        // Every object reads back byte for byte, from the pack of its own month.
        FetchPlan plan = objects.planFetch(alice, sent.stream().map(SealedObject::id).toList());
        for (ObjectLocation l : plan.objects()) {
            SealedObject o = sent.stream().filter(s -> s.id().equals(l.id())).findFirst().orElseThrow();
            assertThat(l.bucket()).isEqualTo(o.bucket());
            try (InputStream in = files.getRange(l.storageKey(), l.offset(), l.length())) {
                assertThat(in.readAllBytes()).isEqualTo(o.body());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        objects.writeBatch(plan, out);
        assertThat(out.toByteArray()).isEqualTo(TestObjects.batch(sent));
        assertThat(Files.list(dir.resolve("tmp"))).as("the spool file is gone").isEmpty();
    }

    @Test
    void onePackFailingStoresNothingAndLeavesNoPackBehind() throws IOException {
        AtomicInteger puts = new AtomicInteger();
        ObjectStore failingFifth = new DelegatingStore(files) {
            @Override
            public void put(String key, InputStream data, long length) throws IOException {
                if (puts.incrementAndGet() == 5) throw new IOException("disk full");
                super.put(key, data, length);
            }
        };
        ObjectService objects = service(failingFifth);
        List<SealedObject> sent = yearOfSegments();
        List<ObjectId> ids = sent.stream().map(SealedObject::id).toList();
        assertThatThrownBy(() -> objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(sent))))
                .isInstanceOf(IOException.class).hasMessage("disk full");
        assertThat(puts.get()).as("every pack was tried").isEqualTo(12);
        assertThat(objects.missing(alice, ids)).as("nothing indexed").containsExactlyElementsOf(ids);
        assertThat(files.list("packs/")).as("the packs that were written are deleted again").isEmpty();

        // The same batch again lands whole.
        assertThat(objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(sent))).stored()).isEqualTo(sent.size());
        assertThat(objects.missing(alice, ids)).isEmpty();
        assertThat(files.list("packs/")).hasSize(12);
    }

    @Test
    void onAStoreWithoutOverlappingPutsThePacksAreWrittenInBucketOrderAndAFailureStopsThem() throws IOException {
        List<String> keys = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean(true);
        ObjectStore inOrder = new DelegatingStore(files) {
            @Override
            public void put(String key, InputStream data, long length) throws IOException {
                keys.add(key);
                if (keys.size() == 5 && failing.getAndSet(false)) throw new IOException("disk full");
                super.put(key, data, length);
            }

            @Override public boolean overlapsPuts() { return false; }
        };
        ObjectService objects = service(inOrder);
        List<SealedObject> sent = yearOfSegments();
        assertThatThrownBy(() -> objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(sent)))).hasMessage("disk full");
        assertThat(keys).as("one at a time, stopping at the failure").hasSize(5);
        assertThat(files.list("packs/")).isEmpty();
        keys.clear();
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(sent)));
        assertThat(keys).hasSize(12);
        // Bucket order: each pack's objects are of a later month than the previous pack's.
        List<Integer> buckets = new ArrayList<>();
        for (String key : keys) {
            FetchPlan plan = objects.planFetch(alice, sent.stream().map(SealedObject::id).toList());
            buckets.add(plan.objects().stream().filter(l -> l.storageKey().equals(key)).findFirst().orElseThrow().bucket());
        }
        assertThat(buckets).isSorted().doesNotHaveDuplicates();
    }

    /** Passes everything to another store, so a test can override one call. */
    private static class DelegatingStore implements ObjectStore {
        private final ObjectStore inner;

        DelegatingStore(ObjectStore inner) { this.inner = inner; }

        @Override public void put(String key, InputStream data, long length) throws IOException { inner.put(key, data, length); }
        @Override public InputStream get(String key) throws IOException { return inner.get(key); }
        @Override public InputStream getRange(String key, long offset, long length) throws IOException { return inner.getRange(key, offset, length); }
        @Override public boolean delete(String key) throws IOException { return inner.delete(key); }
        @Override public boolean exists(String key) throws IOException { return inner.exists(key); }
        @Override public long size(String key) throws IOException { return inner.size(key); }
        @Override public List<String> list(String prefix) throws IOException { return inner.list(prefix); }
        @Override public boolean overlapsPuts() { return inner.overlapsPuts(); }
    }
}
