package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.vault.CommitRequest;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.ObjectIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SweepJobTest extends JobTestBase {
    @Override long seed() { return 5; }

    private void upload(SealedObject... objs) throws IOException {
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(objs)));
    }

    @Test
    void droppedObjectsGoOnlyAfterTheSafetyDelay() throws IOException {
        SealedObject root1 = vault.root();
        SealedObject root2 = vault.root();
        SealedObject old = vault.segment();
        SealedObject kept = vault.segment();
        upload(old);
        upload(kept, root1);
        upload(root2);
        assertThat(blobs.list("packs/")).hasSize(4);
        heads.commit(alice, new CommitRequest(0, root1.id(), List.of(old.id(), kept.id()), List.of()));
        heads.commit(alice, new CommitRequest(1, root2.id(), List.of(), List.of(old.id(), root1.id())));

        clock.advance(Duration.ofHours(23));
        assertThat(sweeper.run(false).packsDeleted()).isZero();
        assertThat(objects.missing(alice, List.of(old.id(), root1.id()))).isEmpty();

        clock.advance(Duration.ofHours(2));
        SweepJob.Result r = sweeper.run(false);
        assertThat(r.accounts()).isEqualTo(1);
        // Packs are per upload and bucket: old had one to itself, and root1 the bucket-0 pack of
        // its upload; both are now empty and deleted, kept's and root2's packs stay.
        assertThat(objects.missing(alice, List.of(old.id(), root1.id(), kept.id(), root2.id()))).containsExactly(old.id(), root1.id());
        assertThat(r.packsDeleted()).isEqualTo(2);
        assertThat(blobs.list("packs/")).hasSize(2);
        assertThat(sweeper.run(false)).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(false, 0, 0);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        objects.writeBatch(objects.planFetch(alice, List.of(kept.id(), root2.id())), out);
        assertThat(out.toByteArray()).isEqualTo(TestObjects.batch(kept, root2));
    }

    /** Commits root1 with a segment, then root2 dropping both: two packs to delete once the delay has passed. */
    private void dropTwoPacks() throws IOException {
        SealedObject root1 = vault.root();
        SealedObject root2 = vault.root();
        SealedObject old = vault.segment();
        upload(old);
        upload(root1);
        upload(root2);
        heads.commit(alice, new CommitRequest(0, root1.id(), List.of(old.id()), List.of()));
        heads.commit(alice, new CommitRequest(1, root2.id(), List.of(), List.of(old.id(), root1.id())));
        clock.advance(Duration.ofHours(25));
    }

    @Test
    void sweepsOnlyWhileNoOtherInstanceHoldsTheLease() throws IOException {
        dropTwoPacks();
        assertThat(leases.tryAcquireLease(SweepJob.JOB, "other-instance", clock.instant(), Duration.ofMinutes(5))).isTrue();
        assertThat(sweeper.run(false)).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(true, 0, 0);
        assertThat(blobs.list("packs/")).hasSize(3);

        clock.advance(Duration.ofMinutes(5)); // the other instance died holding it: the lease runs out
        assertThat(sweeper.run(false)).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(false, 1, 2);
        assertThat(blobs.list("packs/")).hasSize(1);
        // Released after the run, so another instance need not wait for it to expire.
        assertThat(leases.tryAcquireLease(SweepJob.JOB, "other-instance", clock.instant(), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    @Timeout(10)
    void aSweepEndsEvenIfAnAccountIsNeverPurged() throws IOException {
        dropTwoPacks();
        ObjectIndex purgesNothing = (ObjectIndex) Proxy.newProxyInstance(ObjectIndex.class.getClassLoader(),
                new Class<?>[] {ObjectIndex.class}, (proxy, method, args) -> {
                    if (method.getName().equals("purgeDroppedObjects")) return List.of();
                    try {
                        return method.invoke(index, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SweepJob stuck = new SweepJob(purgesNothing, stores.accounts(), leases, blobs, clock, Duration.ofHours(24), "this-instance");
        assertThat(stuck.run(false)).extracting("heldElsewhere", "accounts", "packsDeleted").containsExactly(false, 1, 0);
    }
}
