package org.chatvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.vault.CommitRequest;
import org.chatvault.server.vault.VaultArchive;
import org.junit.jupiter.api.Test;

/**
 * An archive planned at one head streams every object of that head, byte for byte, although a
 * commit drops most of them and a repack moves the rest before the stream runs: the planned
 * copies stay readable for the safety delay. A later archive holds the later head only.
 */
class ArchiveConsistencyTest extends JobTestBase {
    @Override long seed() { return 23; }

    private Map<ObjectId, byte[]> stream(VaultArchive archive) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        objects.writeArchive(archive, out);
        assertThat((long) out.size()).isEqualTo(archive.batchBytes());
        Map<ObjectId, byte[]> got = new LinkedHashMap<>();
        BatchFormat.read(new ByteArrayInputStream(out.toByteArray()), f -> got.put(f.id(), f.body()));
        return got;
    }

    private static void assertHolds(Map<ObjectId, byte[]> got, List<SealedObject> expected) {
        assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(SealedObject::id).toList());
        for (SealedObject o : expected) assertThat(got.get(o.id())).as("body of %s", o.id()).isEqualTo(o.body());
    }

    @Test
    void anArchiveStreamsItsHeadThroughACommitAndARepackAndTheNextOneTheNewHead() throws IOException {
        List<SealedObject> head1 = new ArrayList<>();
        List<ObjectId> dropped = new ArrayList<>();
        List<SealedObject> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<SealedObject> batch = vault.segments(4);
            objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(batch)));
            head1.addAll(batch);
            kept.add(batch.getFirst());
            for (SealedObject o : batch.subList(1, 4)) dropped.add(o.id());
        }
        SealedObject root1 = vault.root();
        SealedObject root2 = vault.root();
        objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(List.of(root1))));
        heads.commit(alice, new CommitRequest(0, root1.id(), head1.stream().map(SealedObject::id).toList(), List.of()));
        head1.add(root1);
        clock.advance(DELAY.plusHours(1)); // the packs are now old enough to repack

        try (VaultArchive planned = objects.planArchive(alice)) {
            assertThat(planned.head().version()).isEqualTo(1);
            assertThat(planned.objects()).isEqualTo(13);
            objects.upload(alice, new ByteArrayInputStream(TestObjects.batch(List.of(root2))));
            dropped.add(root1.id());
            heads.commit(alice, new CommitRequest(1, root2.id(), List.of(), dropped));
            RepackJob.Result moved = new RepackJob(index, leases, blobs, dir.resolve("tmp"), clock, RepackJob.Settings.of(0.5, DELAY),
                    "this-instance").run(false);
            assertThat(moved.packsWritten()).as("the kept segments moved to a new pack").isEqualTo(1);
            sweeper.run(false); // nothing is past the safety delay yet

            assertHolds(stream(planned), head1);
        }

        clock.advance(DELAY.plusHours(1));
        assertThat(sweeper.run(false).packsDeleted()).isPositive();
        kept.add(root2);
        try (VaultArchive later = objects.planArchive(alice)) {
            assertThat(later.head().version()).isEqualTo(2);
            assertThat(later.unreadable()).isZero();
            assertHolds(stream(later), kept);
        }
        assertThat(dir.resolve("tmp").toFile().list()).as("spool files left behind").isEmpty();
    }
}
