package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.vault.CommitRequest;
import org.chatvault.server.vault.FetchPlan;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.ObjectIndex;
import org.junit.jupiter.api.Test;

class RepackJobTest extends JobTestBase {
    @Override long seed() { return 11; }

    private RepackJob repacker(ObjectIndex store) {
        return new RepackJob(store, leases, blobs, dir.resolve("tmp"), clock, RepackJob.Settings.of(0.5, DELAY), "this-instance");
    }

    private void upload(List<SealedObject> objs) throws IOException {
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(objs)));
    }

    private byte[] fetch(FetchPlan plan) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        objects.writeBatch(plan, out);
        return out.toByteArray();
    }

    /**
     * Three packs of four segments each; a commit keeps the first of each and drops the rest,
     * which the sweep then purges: three packs a quarter live.
     */
    private List<SealedObject> threeSparsePacks() throws IOException {
        List<SealedObject> kept = new ArrayList<>();
        List<ObjectId> all = new ArrayList<>();
        List<ObjectId> dropped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<SealedObject> batch = vault.segments(4);
            upload(batch);
            kept.add(batch.getFirst());
            for (SealedObject o : batch) all.add(o.id());
            for (SealedObject o : batch.subList(1, 4)) dropped.add(o.id());
        }
        SealedObject root1 = vault.root();
        SealedObject root2 = vault.root();
        upload(List.of(root1));
        upload(List.of(root2));
        heads.commit(alice, new CommitRequest(0, root1.id(), all, List.of()));
        List<ObjectId> drop = new ArrayList<>(dropped);
        drop.add(root1.id());
        heads.commit(alice, new CommitRequest(1, root2.id(), List.of(), drop));
        clock.advance(DELAY.plusHours(1));
        sweeper.run(false);
        kept.add(root2);
        return kept;
    }

    @Test
    void sparsePacksOfABucketBecomeOneAndAFetchPlannedBeforeStillReadsTheOldOnes() throws IOException {
        List<SealedObject> kept = threeSparsePacks();
        List<ObjectId> ids = kept.stream().map(SealedObject::id).toList();
        assertThat(blobs.list("packs/")).hasSize(4);
        FetchPlan plannedBefore = objects.planFetch(alice, ids);

        RepackJob.Result r = repacker(index).run(false);
        assertThat(r.accounts()).isEqualTo(1);
        assertThat(r.packsRead()).isEqualTo(3);
        assertThat(r.packsWritten()).isEqualTo(1);
        assertThat(r.bytesReclaimed()).isPositive();
        assertThat(index.usage(alice.accountId()).packs()).isEqualTo(2);
        byte[] expected = TestObjects.batch(kept);
        assertThat(fetch(plannedBefore)).isEqualTo(expected);
        assertThat(fetch(objects.planFetch(alice, ids))).isEqualTo(expected);
        assertThat(repacker(index).run(false).packsRead()).as("nothing left to do").isZero();

        clock.advance(DELAY.minusMinutes(1));
        sweeper.run(false);
        assertThat(blobs.list("packs/")).hasSize(5);
        clock.advance(Duration.ofMinutes(2));
        assertThat(sweeper.run(false).packsDeleted()).isEqualTo(3);
        assertThat(blobs.list("packs/")).hasSize(2);
        assertThat(fetch(objects.planFetch(alice, ids))).isEqualTo(expected);
    }

    @Test
    void anObjectReAddedWhileItsPackIsCopiedKeepsThatPackUntilItMovesToo() throws IOException {
        SealedObject root1 = vault.root();
        SealedObject root2 = vault.root();
        List<SealedObject> batch = vault.segments(4);
        upload(batch);
        upload(List.of(root1));
        upload(List.of(root2));
        List<ObjectId> ids = batch.stream().map(SealedObject::id).toList();
        heads.commit(alice, new CommitRequest(0, root1.id(), ids, List.of()));
        List<ObjectId> dropped = new ArrayList<>(ids.subList(1, 4));
        dropped.add(root1.id());
        heads.commit(alice, new CommitRequest(1, root2.id(), List.of(), dropped));
        clock.advance(DELAY.plusHours(1)); // no sweep yet: the dropped objects are still held
        SealedObject first = batch.getFirst();
        SealedObject readded = batch.get(1);
        ObjectIndex commitsMidCopy = (ObjectIndex) Proxy.newProxyInstance(ObjectIndex.class.getClassLoader(),
                new Class<?>[] {ObjectIndex.class}, (proxy, method, args) -> {
                    if (method.getName().equals("relocateObjects")) {
                        // A commit lands between the copy and the re-pointing and references a dropped object again.
                        heads.commit(alice, new CommitRequest(2, root2.id(), List.of(readded.id()), List.of()));
                    }
                    try {
                        return method.invoke(index, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String oldPack = index.locateObjects(alice.accountId(), List.of(first.id())).get(first.id()).storageKey();
        assertThat(repacker(commitsMidCopy).run(false).packsWritten()).isEqualTo(1);
        assertThat(index.locateObjects(alice.accountId(), List.of(first.id())).get(first.id()).storageKey()).isNotEqualTo(oldPack);
        assertThat(index.locateObjects(alice.accountId(), List.of(readded.id())).get(readded.id()).storageKey()).isEqualTo(oldPack);

        clock.advance(DELAY.plusHours(1));
        sweeper.run(false); // purges the two still dropped; the pack keeps the re-added one
        assertThat(blobs.exists(oldPack)).isTrue();
        assertThat(fetch(objects.planFetch(alice, List.of(readded.id())))).isEqualTo(TestObjects.batch(readded));

        assertThat(repacker(index).run(false).packsWritten()).isEqualTo(1);
        clock.advance(DELAY.plusHours(1));
        sweeper.run(false);
        assertThat(blobs.exists(oldPack)).isFalse();
        assertThat(fetch(objects.planFetch(alice, List.of(first.id(), readded.id())))).isEqualTo(TestObjects.batch(first, readded));
    }

    @Test
    void smallPacksOfABucketAreMergedButALoneOneIsLeftAlone() throws IOException {
        List<SealedObject> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<SealedObject> batch = vault.segments(2);
            upload(batch);
            all.addAll(batch);
        }
        SealedObject lone = vault.segment(202402, 300);
        upload(List.of(lone));
        all.add(lone);
        assertThat(repacker(index).run(false).packsRead()).as("too young").isZero();
        clock.advance(DELAY.plusMinutes(1));
        RepackJob.Result r = repacker(index).run(false);
        assertThat(r.packsRead()).isEqualTo(3);
        assertThat(r.packsWritten()).isEqualTo(1);
        assertThat(index.usage(alice.accountId()).packs()).isEqualTo(2);
        assertThat(fetch(objects.planFetch(alice, all.stream().map(SealedObject::id).toList()))).isEqualTo(TestObjects.batch(all));
    }

    @Test
    void repacksOnlyWhileNoOtherInstanceHoldsTheLease() throws IOException {
        threeSparsePacks();
        assertThat(leases.tryAcquireLease(RepackJob.JOB, "other-instance", clock.instant(), Duration.ofMinutes(5))).isTrue();
        assertThat(repacker(index).run(false).heldElsewhere()).isTrue();
        assertThat(index.usage(alice.accountId()).packs()).isEqualTo(4);
        clock.advance(Duration.ofMinutes(5));
        assertThat(repacker(index).run(false).packsWritten()).isEqualTo(1);
        assertThat(leases.tryAcquireLease(RepackJob.JOB, "other-instance", clock.instant(), Duration.ofMinutes(5))).isTrue();
    }
}
