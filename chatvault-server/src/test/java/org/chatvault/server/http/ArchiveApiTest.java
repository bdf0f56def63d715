package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.filesUnder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.ObjectId;
import org.chatvault.core.format.SealedObject;
import org.chatvault.protocol.batch.BatchFormat;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.RouteRequests;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/vault/archive}: the head in the headers, every object it may need in one batch of exact length. */
class ArchiveApiTest extends SingleUserApiTest {
    private final TestObjects objects = new TestObjects(11);

    private Response archive() {
        return api.get("v1/vault/archive", alice.access());
    }

    private static Map<ObjectId, byte[]> frames(Response r) throws IOException {
        Map<ObjectId, byte[]> out = new LinkedHashMap<>();
        BatchFormat.read(new ByteArrayInputStream(r.body()), f -> out.put(f.id(), f.body()));
        return out;
    }

    /**
     * The spool files under tmp once the server is done with them: it deletes a spool after the answer's last
     * byte went out, which can be a moment after this side has read it.
     */
    private List<Path> spoolFilesLeft() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<Path> left = filesUnder(dir.resolve("tmp"));
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            left = filesUnder(dir.resolve("tmp"));
        }
        return left;
    }

    @Test
    void anEmptyVaultIsAnEmptyBatchAtVersionZero() throws Exception {
        Response r = archive();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/octet-stream");
        assertThat(r.header("Chatvault-Head-Version")).isEqualTo("0");
        assertThat(r.header("Chatvault-Head-Root")).isNull();
        assertThat(r.header("Chatvault-Archive-Objects")).isEqualTo("0");
        assertThat(r.body()).isEqualTo(BatchFormat.MAGIC);
        assertThat(spoolFilesLeft()).as("spool files left behind").isEmpty();
    }

    @Test
    void theArchiveHoldsTheHeadAndEveryObjectItNeedsButNotWhatItDropped() throws Exception {
        SealedObject root1 = objects.root();
        List<SealedObject> segs = List.of(objects.segment(), objects.segment(202402, 5000), objects.segment(202403, 300));
        api.upload(alice.access(), List.of(root1, segs.get(0), segs.get(1), segs.get(2)));
        assertThat(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(0, root1, segs, List.of())).status()).isEqualTo(200);
        SealedObject root2 = objects.root();
        SealedObject later = objects.segment();
        api.upload(alice.access(), List.of(root2, later));
        fx.clock().advance(java.time.Duration.ofSeconds(5));
        assertThat(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(1, root2, List.of(later), List.of(root1, segs.get(0))))
                .status()).isEqualTo(200);

        Response r = archive();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Chatvault-Head-Version")).isEqualTo("2");
        assertThat(r.header("Chatvault-Head-Root")).isEqualTo(root2.id().hex());
        assertThat(r.header("Chatvault-Head-Committed-At")).isEqualTo(Long.toString(fx.clock().millis()));
        assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
        assertThat(r.header("Chatvault-Archive-Objects")).isEqualTo("4");
        assertThat(r.header("Chatvault-Archive-Unreadable")).isNull();
        Map<ObjectId, byte[]> got = frames(r);
        // The root (bucket 0) first, then the content packs by bucket (later's is 2024-01); never what head 2 dropped.
        assertThat(got.keySet()).containsExactly(root2.id(), later.id(), segs.get(1).id(), segs.get(2).id());
        for (SealedObject o : List.of(root2, segs.get(1), segs.get(2), later)) assertThat(got.get(o.id())).isEqualTo(o.body());
        assertThat(spoolFilesLeft()).as("spool files left behind").isEmpty();
    }

    @Test
    void aLostPackCostsOnlyItsObjectsAndIsCounted() throws IOException {
        SealedObject root = objects.root();
        SealedObject lost = objects.segment(202401, 400);
        api.upload(alice.access(), List.of(lost));
        for (Path pack : filesUnder(dir.resolve("objects"))) Files.delete(pack);
        SealedObject kept = objects.segment(202402, 400);
        api.upload(alice.access(), List.of(root, kept));
        assertThat(api.post("v1/vault/commit", alice.access(), RouteRequests.commit(0, root, List.of(lost, kept), List.of())).status())
                .isEqualTo(200);

        Response r = archive();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Chatvault-Archive-Objects")).isEqualTo("2");
        assertThat(r.header("Chatvault-Archive-Unreadable")).isEqualTo("1");
        assertThat(frames(r).keySet()).containsExactly(root.id(), kept.id());
    }

    @Test
    void anotherAccountGetsItsOwnEmptyVault() {
        SealedObject root = objects.root();
        api.upload(alice.access(), List.of(root));
        api.post("v1/vault/commit", alice.access(), RouteRequests.commit(0, root, List.of(), List.of()));
        Response bobs = api.get("v1/vault/archive", api.newSession("bob").access());
        assertThat(bobs.status()).isEqualTo(200);
        assertThat(bobs.header("Chatvault-Head-Version")).isEqualTo("0");
        assertThat(bobs.body()).isEqualTo(BatchFormat.MAGIC);
    }
}
