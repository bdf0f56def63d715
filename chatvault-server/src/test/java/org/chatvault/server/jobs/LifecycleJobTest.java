package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.account.AccountLifecycleService;
import org.chatvault.server.account.AccountRecord;
import org.chatvault.server.account.LoginHash;
import org.chatvault.server.account.Principal;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.chatvault.server.billing.BillingConfig;
import org.chatvault.server.billing.EntitlementService;
import org.chatvault.server.billing.Provider;
import org.chatvault.server.billing.Subscription;
import org.chatvault.server.billing.SubscriptionEvent;
import org.chatvault.server.billing.SubscriptionEventType;
import org.chatvault.server.billing.SubscriptionStatus;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.CommitRequest;
import org.chatvault.server.vault.RelabelService;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle job over a real SQLite file and object directory, with the clock driven through months
 * and years: retention cuts by plan, deleted and unused accounts, two runs at once.
 */
class LifecycleJobTest extends JobTestBase {
    @Override long seed() { return 11; }

    /** A lifecycle job of instance {@code instance} taking leases from {@code leaseStore}. */
    LifecycleJob lifecycle(String instance, LeaseStore leaseStore) {
        return new LifecycleJob(index, stores.lifecycle(), new EntitlementService(stores.subscriptions(), BillingConfig.defaults(), clock),
                new AuditLog(stores.audit(), clock), blobs, leaseStore, clock, instance);
    }

    LifecycleJob lifecycle() { return lifecycle("this-instance", leases); }

    /** Uploads {@code objs} in one batch (one pack per bucket) and commits them under {@code root}. */
    private void backUp(Principal p, SealedObject root, SealedObject... objs) throws IOException {
        List<SealedObject> all = new ArrayList<>(List.of(objs));
        all.add(root);
        objects.upload(p, new ByteArrayInputStream(TestObjects.batch(all)));
        heads.commit(p, new CommitRequest(heads.head(p).version(), root.id(), List.of(objs).stream().map(SealedObject::id).toList(), List.of()));
    }

    private Principal newAccount(String name) {
        Principal p = new Principal("acc-" + name, "session-" + name);
        stores.accounts().createAccount(new AccountRecord(p.accountId(), name, name, new LoginHash(new byte[16], new byte[32],
                new Argon2Params(64, 1, 1)), clock.instant(), null));
        return p;
    }

    private void subscribe(Principal p, String plan, Duration paidFor) {
        String id = "sub-" + p.accountId() + "-" + plan;
        Instant now = clock.instant();
        stores.subscriptions().redeem(new Subscription(id, p.accountId(), Provider.DIRECT, "receipt-" + id, 1, "direct." + plan, plan,
                SubscriptionStatus.ACTIVE, now, now.plus(paidFor), null, null, now), new SubscriptionEvent(id, p.accountId(),
                SubscriptionEventType.REDEEMED, now, now, null));
    }

    private byte[] fetch(Principal p, SealedObject... objs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        objects.writeBatch(objects.planFetch(p, List.of(objs).stream().map(SealedObject::id).toList()), out);
        return out.toByteArray();
    }

    @Test
    void onTheFreePlanOnlyTheLastThirtyDaysStayAndTheSweepDeletesTheRestAfterTheSafetyDelay() throws IOException {
        SealedObject old = vault.segment(202401, 500);
        SealedObject recent = vault.segment(202404, 500);
        SealedObject root = vault.root();
        backUp(alice, root, old, recent);
        assertThat(blobs.list("packs/")).hasSize(3);

        LifecycleResult r = lifecycle().run(false);
        assertThat(r).extracting("accountsCut", "objectsExpired", "accountsRemoved").containsExactly(1, 1L, 0);
        assertThat(r.bytesExpired()).isEqualTo(old.body().length);
        assertThat(r.describe().getFirst()).isEqualTo("lifecycle: 1 accounts, 1 objects (" + old.body().length + " bytes) removed");
        assertThat(r.accountLines()).singleElement().asString().contains(alice.accountId()).contains("months before 2024-04");
        assertThat(new AuditLog(stores.audit(), clock).page(alice.accountId(), null, null).events())
                .anySatisfy(e -> assertThat(e.type()).isEqualTo(AuditEventType.HISTORY_EXPIRED));
        assertThat(lifecycle().run(false).objects()).as("idempotent").isZero();
        assertThat(blobs.list("packs/")).as("a restore may still read it").hasSize(3);

        clock.advance(DELAY.plusHours(1));
        assertThat(sweeper.run(false).packsDeleted()).isEqualTo(1);
        assertThat(objects.missing(alice, List.of(old.id(), recent.id(), root.id()))).containsExactly(old.id());
        assertThat(fetch(alice, recent, root)).isEqualTo(TestObjects.batch(recent, root));
    }

    @Test
    void aPaidPlanKeepsItsWindowAndALapseCutsToFreeOnlyAfterTheGrace() throws IOException {
        subscribe(alice, "standard", Duration.ofDays(365)); // 2024-05-01 to 2025-05-01, two years kept
        SealedObject tooOld = vault.segment(202201, 300);
        SealedObject twoYears = vault.segment(202206, 300);
        SealedObject lastYear = vault.segment(202401, 300);
        backUp(alice, vault.root(), tooOld, twoYears, lastYear);

        assertThat(lifecycle().run(false).objectsExpired()).as("only what is older than two years").isEqualTo(1);

        clock.advance(Duration.ofDays(365 + 10)); // lapsed ten days ago: read-only grace, the window still two years
        stores.lifecycle().recordActivity(alice.accountId(), clock.instant(), clock.instant()); // else unused for twelve months
        assertThat(lifecycle().run(false).objectsExpired()).isEqualTo(1); // 202206 has now left the two-year window
        clock.advance(Duration.ofDays(15));
        assertThat(lifecycle().run(false).objectsExpired()).as("still within the grace").isZero();
        clock.advance(Duration.ofDays(10)); // 35 days after the lapse: cut to the free plan's 30 days
        LifecycleResult cut = lifecycle().run(false);
        assertThat(cut.objectsExpired()).isEqualTo(1);
        clock.advance(DELAY.plusHours(1));
        sweeper.run(false);
        assertThat(objects.missing(alice, List.of(tooOld.id(), twoYears.id(), lastYear.id()))).hasSize(3);
    }

    @Test
    void anObjectNeededByARecentMessageIsKeptAlthoughFirstUploadedYearsAgo() throws IOException {
        SealedObject photo = vault.segment(202001, 800);  // sent in 2020 and forwarded again last week
        SealedObject forgotten = vault.segment(202001, 800);
        SealedObject root = vault.root();
        backUp(alice, root, photo, forgotten);
        // The client relabels what a recent message still needs into that message's month.
        new RelabelService(index, blobs, dir.resolve("tmp"), clock).relabel(alice, 202404, List.of(photo.id()));

        assertThat(lifecycle().run(false).objectsExpired()).isEqualTo(1);
        clock.advance(DELAY.plusHours(1));
        sweeper.run(false);
        assertThat(objects.missing(alice, List.of(photo.id(), forgotten.id(), root.id()))).containsExactly(forgotten.id());
        assertThat(fetch(alice, photo)).hasSameSizeAs(TestObjects.batch(photo)); // its bytes, from the relabelled copy
    }

    @Test
    void aDeletedAccountLosesEverythingInTheNextRunButItsPurchaseStaysRedeemed() throws IOException {
        Principal bob = newAccount("bob");
        subscribe(alice, "forever", Duration.ofDays(365));
        backUp(alice, vault.root(), vault.segment(202404, 400), vault.segment(202310, 400));
        SealedObject bobs = vault.segment(202404, 400);
        backUp(bob, vault.root(), bobs);
        long alicePacks = blobs.list("packs/" + alice.accountId() + "/").size();
        assertThat(alicePacks).isEqualTo(3);

        AccountLifecycleService service = new AccountLifecycleService(stores.lifecycle(), new AuditLog(stores.audit(), clock), clock);
        service.delete(alice);
        assertThat(stores.accounts().deletedAt(alice.accountId())).isPresent();

        LifecycleResult r = lifecycle().run(false);
        assertThat(r).extracting("accountsRemoved", "objectsRemoved", "packsRemoved", "accountsCut").containsExactly(1, 3L, alicePacks, 0);
        assertThat(r.accountLines()).singleElement().asString().contains("deleted by its owner");
        assertThat(blobs.list("packs/" + alice.accountId() + "/")).isEmpty();
        assertThat(stores.accounts().findAccount(alice.accountId())).isEmpty();
        assertThat(stores.subscriptions().find(Provider.DIRECT, "receipt-sub-acc-alice-forever")).isPresent();
        assertThat(stores.subscriptions().history(alice.accountId(), 10)).isEmpty();
        assertThat(fetch(bob, bobs)).isEqualTo(TestObjects.batch(bobs));
        assertThat(lifecycle().run(false)).extracting("accountsRemoved", "objectsRemoved").containsExactly(0, 0L);
    }

    @Test
    void anAccountUnusedForItsChosenPeriodIsDeletedAndUseKeepsItAlive() throws IOException {
        Principal bob = newAccount("bob"); // keeps the default twelve months
        AccountLifecycleService service = new AccountLifecycleService(stores.lifecycle(), new AuditLog(stores.audit(), clock), clock);
        service.updateSettings(alice, 1);
        backUp(alice, vault.root(), vault.segment(202404, 400));
        assertThat(service.settings(alice).deleteIfUnusedAt()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));

        clock.advance(Duration.ofDays(20));
        service.recordActivity(alice.accountId());
        assertThat(service.settings(alice).deleteIfUnusedAt()).isEqualTo(Instant.parse("2024-06-21T00:00:00Z"));
        clock.advance(Duration.ofDays(15)); // 35 days after creation, 15 after the last use
        assertThat(lifecycle().run(false).accountsRemoved()).isZero();

        clock.advance(Duration.ofDays(16));
        LifecycleResult r = lifecycle().run(false);
        assertThat(r.accountsRemoved()).isEqualTo(1);
        assertThat(r.accountLines()).singleElement().asString().contains(alice.accountId()).contains("unused since").contains("1 months");
        assertThat(stores.accounts().findAccount(alice.accountId())).isEmpty();
        assertThat(blobs.list("packs/" + alice.accountId() + "/")).isEmpty();
        assertThat(stores.accounts().findAccount(bob.accountId())).as("bob chose twelve months").isPresent();
    }

    /** Grants every lease: two instances that both believe they hold it, the worst a stalled holder can cause. */
    private static final LeaseStore EVERYONE_HOLDS = new LeaseStore() {
        @Override public boolean tryAcquireLease(String job, String holder, Instant now, Duration ttl) { return true; }

        @Override public void releaseLease(String job, String holder) {}
    };

    @Test
    void twoConcurrentRunsDeleteEachObjectOnceAndNothingAPlanStillCovers() throws Exception {
        record Kept(Principal who, SealedObject old, SealedObject recent, SealedObject root, boolean forever) {}
        List<Kept> kept = new ArrayList<>();
        int deleted = 0, cut = 0;
        for (int i = 0; i < 24; i++) {
            Principal p = newAccount("user" + i);
            SealedObject old = vault.segment(202201, 300), recent = vault.segment(202404, 300), root = vault.root();
            backUp(p, root, old, recent);
            if (i % 3 == 0) {
                stores.lifecycle().requestDeletion(p.accountId(), clock.instant());
                deleted++;
            } else {
                boolean forever = i % 3 == 1;
                if (forever) subscribe(p, "forever", Duration.ofDays(365));
                else cut++;
                kept.add(new Kept(p, old, recent, vault.root(), forever));
                kept.set(kept.size() - 1, new Kept(p, old, recent, root, forever));
            }
        }
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<LifecycleResult>> runs = new ArrayList<>();
        try {
            for (String instance : List.of("one", "two")) {
                LifecycleJob job = lifecycle(instance, EVERYONE_HOLDS);
                runs.add(threads.submit(() -> {
                    start.await();
                    return job.run(false);
                }));
            }
            LifecycleResult a = runs.get(0).get(), b = runs.get(1).get();
            assertThat(a.objectsExpired() + b.objectsExpired()).as("each expired object counted once").isEqualTo(cut);
            assertThat(a.accountsRemoved() + b.accountsRemoved()).isEqualTo(deleted);
            assertThat(a.objectsRemoved() + b.objectsRemoved()).isEqualTo(3L * deleted);
            assertThat(a.packsRemoved() + b.packsRemoved()).as("each blob deleted once").isEqualTo(3L * deleted);
        } finally {
            threads.shutdownNow();
        }
        clock.advance(DELAY.plusHours(1));
        sweeper.run(false);
        assertThat(blobs.list("packs/")).hasSize(kept.size() * 3 - cut);
        for (Kept k : kept) {
            List<SealedObject> covered = k.forever() ? List.of(k.old(), k.recent(), k.root()) : List.of(k.recent(), k.root());
            assertThat(fetch(k.who(), covered.toArray(SealedObject[]::new))).as(k.who().accountId()).isEqualTo(TestObjects.batch(covered));
            if (!k.forever()) assertThat(objects.missing(k.who(), List.of(k.old().id()))).containsExactly(k.old().id());
        }
    }
}
