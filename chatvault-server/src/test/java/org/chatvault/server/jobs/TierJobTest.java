package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.account.Principal;
import org.chatvault.server.metrics.ServerMetrics;
import org.chatvault.server.store.s3.RecordingInterceptor;
import org.chatvault.server.store.s3.RecordingS3;
import org.chatvault.server.store.s3.S3ObjectStore;
import org.chatvault.server.store.s3.S3Settings;
import org.chatvault.server.store.sql.SqlPackTiers;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.S3TestServer;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.ColdTierPolicy;
import org.chatvault.server.vault.ObjectService;
import org.chatvault.server.vault.PackTierIndex;
import org.chatvault.server.vault.PackTiering;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * Packs of old months in the cold storage class, over SQLite and a real S3 API (s3proxy): written
 * there by uploads and repacks, moved there by the tier job once they age, recorded in the index,
 * still read like any other pack.
 */
class TierJobTest {
    @RegisterExtension static final S3TestServer.PerClass s3 = new S3TestServer.PerClass();
    private static final Duration DELAY = Duration.ofHours(24);
    private static final ColdTierPolicy POLICY = new ColdTierPolicy("STANDARD_IA", 6, 0);

    @TempDir Path dir;
    private final MutableClock clock = MutableClock.startingAt("2026-11-15T12:00:00Z");
    private final RecordingInterceptor requests = new RecordingInterceptor();
    private final Principal alice = new Principal("acc-alice", "session");
    private final TestObjects vault = new TestObjects(41);
    private SqlStores stores;
    private S3ObjectStore blobs;
    private PackTierIndex tiers;

    @BeforeEach
    void open() throws IOException {
        stores = SqlStores.sqlite(dir.resolve("metadata.db"));
        tiers = new SqlPackTiers(stores.database());
        Files.createDirectories(dir.resolve("tmp"));
        stores.accounts().createAccount(new AccountRecord(alice.accountId(), "alice", "alice",
                new LoginHash(new byte[16], new byte[32], new Argon2Params(64, 1, 1)), clock.instant(), null));
    }

    @AfterEach
    void close() {
        stores.close();
        if (blobs != null) blobs.close();
    }

    private ObjectService objects(ColdTierPolicy policy) {
        S3Settings settings = s3.server().newBucket().withColdTier(policy);
        blobs = RecordingS3.open(settings, requests);
        return new ObjectService(stores.objects(), blobs, dir.resolve("tmp"), clock, new ServerMetrics(), PackTiering.of(policy, tiers));
    }

    private TierJob job(ColdTierPolicy policy, String instanceId) {
        return new TierJob(tiers, stores.leases(), blobs, clock, policy, "no cold tier", instanceId);
    }

    private List<SealedObject> upload(ObjectService objects, int... buckets) throws IOException {
        List<SealedObject> batch = new ArrayList<>();
        for (int bucket : buckets) batch.add(bucket == 0 ? vault.root() : vault.segment(bucket, 3000));
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(batch)));
        return batch;
    }

    /** Each pack's bucket and recorded storage class, by bucket. */
    private Map<Integer, String> recordedClasses() throws SQLException {
        Map<Integer, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metadata.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT bucket, storage_class FROM packs ORDER BY bucket")) {
            while (r.next()) out.put(r.getInt(1), r.getString(2));
        }
        return out;
    }

    private List<String> everyPacksClass() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metadata.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT storage_class FROM packs")) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    /** The objects, fetched back through the service as a restore would. */
    private byte[] fetch(ObjectService objects, Collection<SealedObject> wanted) throws IOException {
        List<ObjectId> ids = wanted.stream().map(SealedObject::id).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        objects.writeBatch(objects.planFetch(alice, ids), out);
        return out.toByteArray();
    }

    @Test
    void anUploadWritesPacksOfOldMonthsStraightToTheColdClassAndRecordsIt() throws Exception {
        ObjectService objects = objects(POLICY);
        List<SealedObject> uploaded = upload(objects, 202001, 202604, 202605, 202611, 0);

        // November 2026, six months: April and before are cold, May on standard; bucket 0 always standard.
        assertThat(POLICY.firstStandardBucket(clock.instant())).isEqualTo(202605);
        assertThat(requests.sent(PutObjectRequest.class)).extracting(PutObjectRequest::storageClass)
                .containsExactly(null, StorageClass.STANDARD_IA, StorageClass.STANDARD_IA, null, null); // bucket order, 0 first
        assertThat(recordedClasses()).isEqualTo(classes(0, null, 202001, "STANDARD_IA", 202604, "STANDARD_IA", 202605, null, 202611, null));
        assertFetchedWhole(objects, uploaded);

        TierJob.Result run = job(POLICY, "a").run(false);
        assertThat(run).extracting("packsMoved", "accounts").containsExactly(0, 0);
        assertThat(requests.sent(CopyObjectRequest.class)).isEmpty();
    }

    /** Buckets and recorded classes, in bucket order. */
    private static Map<Integer, String> classes(Object... bucketsAndClasses) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (int i = 0; i < bucketsAndClasses.length; i += 2) out.put((Integer) bucketsAndClasses[i], (String) bucketsAndClasses[i + 1]);
        return out;
    }

    @Test
    void theJobMovesPacksThatAgedIntoThePolicyOnceAndReadsStillWork() throws Exception {
        ObjectService objects = objects(POLICY);
        List<SealedObject> may = upload(objects, 202605);
        List<SealedObject> june = upload(objects, 202606);
        clock.advance(Duration.ofDays(50)); // early January 2027: May and June are now older than six months
        requests.clear();

        TierJob.Result plan = job(POLICY, "a").run(true);
        assertThat(plan).extracting("dryRun", "accounts", "packsMoved", "firstStandardBucket").containsExactly(true, 1, 2, 202607);
        assertThat(plan.bytesMoved()).isPositive();
        assertThat(plan.describe().getFirst()).contains("dry run").contains("2 packs").contains("would be moved to STANDARD_IA");
        assertThat(requests.sent(CopyObjectRequest.class)).isEmpty();
        assertThat(recordedClasses()).isEqualTo(classes(202605, null, 202606, null));

        TierJob.Result done = job(POLICY, "a").run(false);
        assertThat(done).extracting("dryRun", "accounts", "packsMoved", "bytesMoved", "packsGone")
                .containsExactly(false, 1, 2, plan.bytesMoved(), 0);
        assertThat(done.accountLines()).singleElement().asString().contains(alice.accountId()).contains("2 packs");
        assertThat(requests.sent(CopyObjectRequest.class)).extracting(CopyObjectRequest::storageClass)
                .containsExactly(StorageClass.STANDARD_IA, StorageClass.STANDARD_IA);
        assertThat(recordedClasses()).isEqualTo(classes(202605, "STANDARD_IA", 202606, "STANDARD_IA"));

        assertThat(job(POLICY, "b").run(false).packsMoved()).as("recorded: not looked at again, by any instance").isZero();
        assertThat(requests.sent(CopyObjectRequest.class)).hasSize(2);
        List<SealedObject> both = new ArrayList<>(may);
        both.addAll(june);
        assertFetchedWhole(objects, both);
    }

    @Test
    void twoInstancesRunningAtOnceMoveEachPackOnce() throws Exception {
        objects(POLICY);
        // Written before the cold tier was configured: all standard.
        ObjectService objects = new ObjectService(stores.objects(), blobs, dir.resolve("tmp"), clock, new ServerMetrics());
        for (int month = 1; month <= 6; month++) upload(objects, 202500 + month);
        TierJob one = job(POLICY, "instance-1");
        TierJob two = job(POLICY, "instance-2");
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = pool.submit(() -> { start.await(); return one.run(false); });
            var second = pool.submit(() -> { start.await(); return two.run(false); });
            start.countDown();
            assertThat(first.get().packsMoved() + second.get().packsMoved()).isEqualTo(6);
        }
        assertThat(requests.sent(CopyObjectRequest.class)).hasSize(6)
                .extracting(CopyObjectRequest::destinationKey).doesNotHaveDuplicates();
        assertThat(recordedClasses().values()).containsOnly("STANDARD_IA");
    }

    @Test
    void aColderClassConfiguredLaterMovesThePacksAgain() throws Exception {
        ObjectService objects = objects(POLICY);
        upload(objects, 202001);
        ColdTierPolicy glacier = new ColdTierPolicy("GLACIER_IR", 6, 0);
        TierJob.Result done = job(glacier, "a").run(false);
        assertThat(done.packsMoved()).isEqualTo(1);
        assertThat(recordedClasses()).isEqualTo(classes(202001, "GLACIER_IR"));
    }

    @Test
    void packsBelowTheSizeFloorStayStandard() throws Exception {
        ColdTierPolicy floor = new ColdTierPolicy("STANDARD_IA", 6, 64 * 1024);
        ObjectService objects = objects(floor);
        upload(objects, 202001);
        assertThat(requests.sent(PutObjectRequest.class)).singleElement().extracting(PutObjectRequest::storageClass).isNull();
        assertThat(job(floor, "a").run(false).packsMoved()).isZero();
        assertThat(recordedClasses()).isEqualTo(classes(202001, null));
    }

    @Test
    void anotherInstanceHoldingTheLeaseMeansNothingIsDone() throws Exception {
        ObjectService objects = objects(null);
        upload(objects, 202001);
        assertThat(stores.leases().tryAcquireLease(TierJob.JOB, "other", clock.instant(), Duration.ofMinutes(5))).isTrue();
        TierJob.Result run = job(POLICY, "this").run(false);
        assertThat(run.heldElsewhere()).isTrue();
        assertThat(run.describe()).singleElement().asString().contains("another server instance");
        assertThat(recordedClasses()).isEqualTo(classes(202001, null));
    }

    @Test
    void aPackDeletedWhileBeingMovedIsSkippedAndNotLeftBehind() throws Exception {
        objects(POLICY);
        blobs.put("packs/acc-alice/raced", new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        // The index names a pack the sweep purges while the job copies it, and one already gone from the store.
        PackTierIndex racing = new PackTierIndex() {
            @Override public int recordStorageClass(String accountId, Collection<String> packIds, String storageClass) { return 0; }
            @Override public List<String> accountsWithPacksToMove(ColdTierPolicy p, int first, String after, int limit) {
                return after == null ? List.of(alice.accountId()) : List.of();
            }
            @Override public List<PackToMove> packsToMove(String accountId, ColdTierPolicy p, int first) {
                return List.of(new PackToMove("raced", 202001, "packs/acc-alice/raced", 3),
                        new PackToMove("gone", 202001, "packs/acc-alice/gone", 3));
            }
        };
        TierJob.Result run = new TierJob(racing, stores.leases(), blobs, clock, POLICY, null, "a").run(false);
        assertThat(run).extracting("packsMoved", "packsGone").containsExactly(0, 2);
        assertThat(blobs.list("")).isEmpty();
    }

    @Test
    void withoutAColdTierTheJobSaysItHasNothingToDo() {
        objects(null);
        TierJob.Result run = new TierJob(tiers, stores.leases(), blobs, clock, null, "objects are kept on the filesystem", "a").run(false);
        assertThat(run.describe()).containsExactly("tier: objects are kept on the filesystem; nothing to do");
        assertThat(run.packsMoved()).isZero();
    }

    @Test
    void aRepackOfOldPacksReadsThemFromTheColdClassAndWritesItsPackThere() throws Exception {
        ObjectService objects = objects(POLICY);
        List<SealedObject> first = upload(objects, 202001);
        List<SealedObject> second = upload(objects, 202001);
        clock.advance(DELAY.plusHours(1));
        requests.clear();
        RepackJob repack = new RepackJob(stores.objects(), stores.leases(), blobs, dir.resolve("tmp"), clock,
                RepackJob.Settings.of(0.5, DELAY), PackTiering.of(POLICY, tiers), "a");

        RepackJob.Result merged = repack.run(false);

        assertThat(merged).extracting("packsRead", "packsWritten").containsExactly(2, 1);
        assertThat(requests.sent(PutObjectRequest.class)).singleElement().extracting(PutObjectRequest::storageClass)
                .isEqualTo(StorageClass.STANDARD_IA);
        assertThat(everyPacksClass()).as("the two old packs, written cold, and the new one").containsExactly(
                "STANDARD_IA", "STANDARD_IA", "STANDARD_IA");
        List<SealedObject> both = new ArrayList<>(first);
        both.addAll(second);
        assertFetchedWhole(objects, both);
        assertThat(job(POLICY, "a").run(false).packsMoved()).isZero();
    }

    /** Every object's body comes back in the fetched batch. */
    private void assertFetchedWhole(ObjectService objects, List<SealedObject> wanted) throws IOException {
        byte[] fetched = fetch(objects, wanted);
        for (SealedObject o : wanted) assertThat(indexOf(fetched, o.body())).as("body of " + o.id()).isNotNegative();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
