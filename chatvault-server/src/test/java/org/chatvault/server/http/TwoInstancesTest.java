package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.CommitApiTest.commit;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.config.MetadataBackend;
import org.chatvault.server.config.ObjectBackend;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.store.s3.S3Settings;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.PostgresTestDatabase;
import org.chatvault.server.testing.S3TestServer;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.jobs.SweepJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Two server instances in this JVM sharing one PostgreSQL schema and one S3 bucket, as behind a
 * load balancer, with clients going through both at once. Each instance has its own data
 * directory, connection pool and sweeper; they share only the database, the bucket and (so the
 * test can pass the drop delay) the clock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwoInstancesTest {
    private static final Duration DROP_DELAY = Duration.ofHours(1);
    /** Small, so that the clients' requests queue for connections as they would under load. */
    private static final int POOL_SIZE = 3;

    @TempDir Path dir;
    private final PostgresTestDatabase pg = PostgresTestDatabase.connect();
    private final MutableClock clock = MutableClock.startingAt("2024-06-01T08:00:00Z");
    /** One s3proxy for the class (it takes seconds to stop); each test gets a bucket of its own. */
    @RegisterExtension static final S3TestServer.PerClass s3 = new S3TestServer.PerClass();
    private S3Settings bucket;
    private PostgresSettings database;
    private ServerFixture a;
    private ServerFixture b;
    private ExecutorService clients;

    @BeforeEach
    void startTwoInstances() {
        bucket = s3.server().newBucket();
        PostgresSettings schema = pg.newSchema();
        database = new PostgresSettings(schema.url(), schema.user(), schema.password(), POOL_SIZE, schema.schema());
        a = new ServerFixture(dir.resolve("a"), clock, c -> c
                .withMetadata(new MetadataBackend.Postgres(database))
                .withObjects(new ObjectBackend.S3(bucket))
                .withDropSafetyDelay(DROP_DELAY)
                .withAccessTokenTtl(Duration.ofDays(1))); // outlives the clock jumps past the drop delay
        b = new ServerFixture(dir.resolve("b"), clock, c -> a.config().withDataDir(dir.resolve("b")));
        clients = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void stop() {
        clients.shutdownNow();
        try (PostgresTestDatabase p = pg; ServerFixture first = a; ServerFixture second = b) {
            // closes the servers, then drops the schema
        }
    }

    /** Instance 0 is a, instance 1 is b. */
    private Api instance(int i) {
        return (i % 2 == 0 ? a : b).api();
    }

    @Test
    void clientsOfManyAccountsAlternatingInstancesEndAtTheirLastCommit() throws Exception {
        assertThat(a.server().instanceId()).isNotBlank().isNotEqualTo(b.server().instanceId());
        int accounts = 8;
        int commits = 4;
        List<Future<List<SealedObject>>> done = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < accounts; i++) sessions.add(instance(i).newSession("user" + i));
        for (int i = 0; i < accounts; i++) {
            int account = i;
            Callable<List<SealedObject>> client = () -> {
                TestObjects objects = new TestObjects(100 + account);
                String token = sessions.get(account).access();
                List<SealedObject> all = new ArrayList<>();
                SealedObject root = null;
                for (int v = 1; v <= commits; v++) {
                    // Upload through one instance, commit through the other: the commit must see
                    // the objects the other instance indexed.
                    root = objects.root();
                    List<SealedObject> added = objects.segments(2);
                    List<SealedObject> batch = new ArrayList<>(added);
                    batch.add(root);
                    Response up = instance(account + v).upload(token, batch);
                    assertThat(up.status()).as(up.text()).isEqualTo(200);
                    Response c = instance(account + v + 1).post("v1/vault/commit", token, commit(v - 1, root, added, List.of()));
                    assertThat(c.status()).as(c.text()).isEqualTo(200);
                    assertThat(c.json().get("version").asLong()).isEqualTo(v);
                    all.addAll(added);
                }
                all.add(root); // last: the head's root
                return all;
            };
            done.add(clients.submit(client));
        }
        for (int i = 0; i < accounts; i++) {
            List<SealedObject> all = done.get(i).get();
            String token = sessions.get(i).access();
            for (int instance = 0; instance < 2; instance++) {
                JsonNode head = instance(instance).get("v1/vault/head", token).json();
                assertThat(head.get("version").asLong()).isEqualTo(commits);
                assertThat(head.get("root").asText()).isEqualTo(all.getLast().id().hex());
                assertFetchable(instance(instance), token, all);
            }
        }
    }

    /** One commit attempt of the race: its base version and how it ended. */
    private record Attempt(long base, int status, String error, long version, SealedObject root, SealedObject added) {}

    @Test
    void racingCommitsToOneAccountThroughBothInstancesHaveExactlyOneWinnerPerVersion() throws Exception {
        int racers = 6;
        int rounds = 5;
        Session owner = a.api().newSession("shared");
        List<Session> devices = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            // Each device logs in through one instance and then uses its token on both.
            // (signedLogin fails unless the login answers 200)
            devices.add(instance(i).signedLogin("shared", owner.secret()));
        }
        // Every round, each racer reads the head, uploads a new root, and then all commit on that
        // same base at once: exactly one may win, the others must get 409.
        CyclicBarrier commitTogether = new CyclicBarrier(racers);
        CyclicBarrier roundDone = new CyclicBarrier(racers);
        List<Future<List<Attempt>>> done = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            int racer = i;
            Callable<List<Attempt>> device = () -> {
                TestObjects objects = new TestObjects(200 + racer);
                String token = devices.get(racer).access();
                List<Attempt> attempts = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    Api via = instance(racer + round);
                    long base = via.get("v1/vault/head", token).json().get("version").asLong();
                    SealedObject root = objects.root();
                    SealedObject added = objects.segment();
                    Response up = instance(racer + round + 1).upload(token, List.of(root, added));
                    assertThat(up.status()).as(up.text()).isEqualTo(200);
                    commitTogether.await(20, TimeUnit.SECONDS);
                    Response c = via.post("v1/vault/commit", token, commit(base, root, List.of(added), List.of()));
                    long version = c.status() == 200 ? c.json().get("version").asLong() : -1;
                    attempts.add(new Attempt(base, c.status(), c.status() == 200 ? null : c.error(), version, root, added));
                    roundDone.await(20, TimeUnit.SECONDS);
                }
                return attempts;
            };
            done.add(clients.submit(device));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (Future<List<Attempt>> f : done) attempts.addAll(f.get());

        List<Attempt> wins = attempts.stream().filter(t -> t.status() == 200).sorted((x, y) -> Long.compare(x.base(), y.base())).toList();
        assertThat(wins).extracting(Attempt::base).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(wins).allSatisfy(w -> assertThat(w.version()).isEqualTo(w.base() + 1));
        assertThat(attempts).filteredOn(t -> t.status() != 200).hasSize((racers - 1) * rounds)
                .allSatisfy(t -> assertThat(t.status() + " " + t.error()).isEqualTo("409 head_conflict"));

        // The head both instances report is the last winner's, and everything the winners
        // committed is still there, through either instance.
        List<SealedObject> committed = new ArrayList<>();
        wins.forEach(w -> committed.add(w.added()));
        committed.add(wins.getLast().root());
        for (int instance = 0; instance < 2; instance++) {
            JsonNode head = instance(instance).get("v1/vault/head", owner.access()).json();
            assertThat(head.get("version").asLong()).isEqualTo(rounds);
            assertThat(head.get("root").asText()).isEqualTo(wins.getLast().root().id().hex());
            assertFetchable(instance(instance), owner.access(), committed);
        }
        // Stale base through the other instance: refused, as it would be on the same one.
        assertError(b.api().post("v1/vault/commit", owner.access(), commit(rounds - 1, wins.getLast().root(), List.of(), List.of())),
                409, "head_conflict");
    }

    /** One account's vault after {@link #commitAndDrop}: what must survive the sweep and what must not. */
    private record DroppedVault(Session session, List<SealedObject> live, List<SealedObject> dropped) {}

    /**
     * Three uploads make four packs: [root1], [old segments], and [root2, kept] split by bucket
     * into two. Commit 2 drops root1 and the old segments, emptying the first two packs.
     */
    private DroppedVault commitAndDrop(int i) {
        TestObjects objects = new TestObjects(300 + i);
        Session s = instance(i).newSession("sweep" + i);
        SealedObject root1 = objects.root();
        SealedObject root2 = objects.root();
        List<SealedObject> old = objects.segments(2);
        SealedObject kept = objects.segment();
        assertThat(instance(i).upload(s.access(), List.of(root1)).status()).isEqualTo(200);
        assertThat(instance(i + 1).upload(s.access(), old).status()).isEqualTo(200);
        assertThat(instance(i).upload(s.access(), List.of(root2, kept)).status()).isEqualTo(200);
        assertThat(instance(i + 1).post("v1/vault/commit", s.access(), commit(0, root1, old, List.of())).status()).isEqualTo(200);
        List<SealedObject> dropped = new ArrayList<>(old);
        dropped.add(root1);
        Response c = instance(i).post("v1/vault/commit", s.access(), commit(1, root2, List.of(kept), dropped));
        assertThat(c.status()).as(c.text()).isEqualTo(200);
        return new DroppedVault(s, List.of(kept, root2), dropped);
    }

    @Test
    void failedLoginsThroughEitherInstanceCountTowardsOneBlockSeenByBoth() {
        String secret = Api.newSecret();
        assertThat(a.api().register("guarded", secret).status()).isEqualTo(201);
        for (int i = 0; i < 9; i++) {
            assertThat(instance(i).login("guarded", Api.newSecret()).error()).isEqualTo("invalid_credentials");
        }
        assertThat(b.api().login("guarded", Api.newSecret()).error()).isEqualTo("too_many_attempts");
        assertThat(a.api().login("guarded", secret).error()).as("blocked on the other instance too").isEqualTo("too_many_attempts");
    }

    @Test
    void aSweepOnBothInstancesAtOnceDeletesEachExpiredPackExactlyOnce() throws Exception {
        int accounts = 12;
        List<DroppedVault> vaults = new ArrayList<>();
        for (int i = 0; i < accounts; i++) vaults.add(commitAndDrop(i));
        int expiredPacks = 2 * accounts;
        clock.advance(DROP_DELAY.plusMinutes(1));

        // Dropped just now, so not yet expired: the sweep must leave this pack alone.
        DroppedVault recent = vaults.getFirst();
        TestObjects more = new TestObjects(399);
        SealedObject root3 = more.root();
        assertThat(a.api().upload(recent.session().access(), List.of(root3)).status()).isEqualTo(200);
        SealedObject root2 = recent.live().get(1);
        assertThat(b.api().post("v1/vault/commit", recent.session().access(), commit(2, root3, List.of(), List.of(root2))).status())
                .isEqualTo(200);

        Set<String> before = bucketKeys();
        assertThat(before).hasSize(4 * accounts + 1);

        // A third holder (another instance, or an operator's job) has the lease: neither sweeps.
        try (SqlStores third = SqlStores.postgres(database)) {
            assertThat(third.leases().tryAcquireLease(SweepJob.JOB, "third-instance", clock.instant(), Duration.ofMinutes(10))).isTrue();
        }
        assertThat(a.server().sweepDroppedObjectsNow()).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(true, 0, 0);
        assertThat(b.server().sweepDroppedObjectsNow()).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(true, 0, 0);
        assertThat(bucketKeys()).isEqualTo(before);
        clock.advance(Duration.ofMinutes(10)); // the third holder never came back: its lease runs out

        CountDownLatch go = new CountDownLatch(1);
        Future<SweepJob.Result> onA = clients.submit(() -> {
            go.await();
            return a.server().sweepDroppedObjectsNow();
        });
        Future<SweepJob.Result> onB = clients.submit(() -> {
            go.await();
            return b.server().sweepDroppedObjectsNow();
        });
        go.countDown();
        SweepJob.Result ra = onA.get();
        SweepJob.Result rb = onB.get();

        assertThat(ra.heldElsewhere() && rb.heldElsewhere()).as("%s / %s", ra, rb).isFalse();
        assertThat(ra.packsDeleted() + rb.packsDeleted()).as("%s / %s", ra, rb).isEqualTo(expiredPacks);
        assertThat(ra.accounts() + rb.accounts()).as("%s / %s", ra, rb).isEqualTo(accounts);
        Set<String> after = bucketKeys();
        assertThat(before).containsAll(after);
        assertThat(before.size() - after.size()).isEqualTo(expiredPacks);

        for (DroppedVault v : vaults) {
            for (int instance = 0; instance < 2; instance++) {
                assertFetchable(instance(instance), v.session().access(), v.live());
                JsonNode missing = instance(instance).missing(v.session().access(), Api.hex(v.dropped())).json().get("missing");
                assertThat(missing).hasSize(v.dropped().size());
            }
        }
        assertFetchable(b.api(), recent.session().access(), List.of(root3));
        // Nothing left to do: a second sweep on either instance deletes nothing.
        assertThat(a.server().sweepDroppedObjectsNow()).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(false, 0, 0);
        assertThat(b.server().sweepDroppedObjectsNow()).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(false, 0, 0);
        assertThat(bucketKeys()).isEqualTo(after);
    }

    private static void assertFetchable(Api api, String token, List<SealedObject> objects) {
        Response r = api.fetch(token, Api.hex(objects));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(TestObjects.batch(objects));
    }

    /** What is in the bucket, seen from outside the servers. */
    private Set<String> bucketKeys() {
        try (S3Client client = s3.server().client()) {
            Set<String> keys = new HashSet<>();
            client.listObjectsV2Paginator(r -> r.bucket(bucket.bucket())).contents().stream().map(S3Object::key).forEach(keys::add);
            return keys;
        }
    }
}
