package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.store.fs.FileSystemObjectStore;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.chatvault.server.jobs.RepackJob;
import org.junit.jupiter.api.Test;

/** Repacking through a real server: fewer packs and bytes, every live object still fetchable, old packs gone after the delay. */
class RepackApiTest extends SingleUserApiTest {
    TestObjects objects = new TestObjects(91);

    private List<String> packBlobs() throws IOException {
        return new FileSystemObjectStore(dir.resolve("objects")).list("packs/");
    }

    /** Access tokens last an hour; tests that move the clock by days log in again. */
    private void advanceAndLogIn(Duration d) {
        fx.clock().advance(d);
        alice = api.signedLogin(alice);
    }

    private JsonNode usage() {
        return api.get("v1/usage", alice.access()).json();
    }

    @Test
    void sparsePacksAreRepackedAndTheirOldBlobsGoAfterTheSafetyDelay() throws IOException {
        List<SealedObject> all = new ArrayList<>();
        List<SealedObject> kept = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<SealedObject> batch = objects.segments(5);
            assertThat(api.upload(alice.access(), batch).status()).isEqualTo(200);
            all.addAll(batch);
            kept.add(batch.getFirst());
        }
        SealedObject root1 = objects.root();
        SealedObject root2 = objects.root();
        api.upload(alice.access(), List.of(root1));
        api.upload(alice.access(), List.of(root2));
        assertThat(api.post("v1/vault/commit", alice.access(),
                Map.of("baseVersion", 0, "root", root1.id().hex(), "added", Api.hex(all), "dropped", List.of())).status()).isEqualTo(200);
        List<SealedObject> dropped = new ArrayList<>(all);
        dropped.removeAll(kept);
        dropped.add(root1);
        assertThat(api.post("v1/vault/commit", alice.access(),
                Map.of("baseVersion", 1, "root", root2.id().hex(), "added", List.of(), "dropped", Api.hex(dropped))).status()).isEqualTo(200);
        kept.add(root2);

        advanceAndLogIn(Duration.ofHours(25));
        fx.server().sweepDroppedObjectsNow();
        JsonNode before = usage();
        assertThat(before.get("packs").asLong()).isEqualTo(4);
        List<String> blobsBefore = packBlobs();

        RepackJob.Result r = fx.server().repackNow();
        assertThat(r).extracting("heldElsewhere", "accounts", "packsRead", "packsWritten").containsExactly(false, 1, 3, 1);
        JsonNode after = usage();
        assertThat(after.get("packs").asLong()).isEqualTo(2);
        assertThat(after.get("packBytes").asLong()).isEqualTo(before.get("packBytes").asLong() - r.bytesReclaimed()).isLessThan(before.get("packBytes").asLong());
        assertThat(after.get("objects").asLong()).isEqualTo(kept.size());
        assertThat(api.fetch(alice.access(), Api.hex(kept)).body()).isEqualTo(TestObjects.batch(kept));
        // A restore that located the objects before the repack reads the old blobs: still there.
        assertThat(packBlobs()).containsAll(blobsBefore).hasSize(blobsBefore.size() + 1);
        assertThat(fx.server().repackNow().packsRead()).isZero();

        advanceAndLogIn(Duration.ofHours(25));
        assertThat(fx.server().sweepDroppedObjectsNow().packsDeleted()).isEqualTo(3);
        assertThat(packBlobs()).hasSize(2);
        assertThat(api.fetch(alice.access(), Api.hex(kept)).body()).isEqualTo(TestObjects.batch(kept));
    }
}
