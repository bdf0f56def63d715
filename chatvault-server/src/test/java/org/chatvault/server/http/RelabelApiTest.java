package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

class RelabelApiTest extends SingleUserApiTest {
    static final int NEWER = 202611;
    TestObjects objects = new TestObjects(77);

    private Response relabel(Object bucket, List<String> ids) {
        Map<String, Object> body = new HashMap<>();
        body.put("bucket", bucket);
        body.put("ids", ids);
        return api.post("v1/objects/relabel", alice.access(), body);
    }

    /** The batch a fetch of {@code objs} answers, each frame with the given bucket. */
    private static byte[] batchWithBuckets(List<SealedObject> objs, List<Integer> buckets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("CVB1".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < objs.size(); i++) out.writeBytes(TestObjects.frame(objs.get(i), objs.get(i).kind().code(), buckets.get(i)));
        return out.toByteArray();
    }

    /** Access tokens last an hour; tests that move the clock by days log in again. */
    private void advanceAndLogIn(Duration d) {
        fx.clock().advance(d);
        alice = api.signedLogin(alice);
    }

    private static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.error()).isEqualTo(code);
    }

    @Test
    void bucketsOnlyGoUp() {
        List<SealedObject> objs = objects.segments(2);
        assertThat(api.upload(alice.access(), objs).status()).isEqualTo(200);
        assertThat(relabel(NEWER, Api.hex(objs.subList(0, 1))).json().get("relabelled").asInt()).isEqualTo(1);
        // asking for an older month than an object has leaves it; older objects still move up
        Response r = relabel(TestObjects.BUCKET + 1, Api.hex(objs));
        assertThat(r.json().get("relabelled").asInt()).isEqualTo(1);
        assertThat(r.json().get("unchanged").asInt()).isEqualTo(1);
        assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(batchWithBuckets(objs, List.of(NEWER, TestObjects.BUCKET + 1)));
    }

    @Test
    void relabelledObjectsComeBackWithTheNewBucketAndTheSameBytes() {
        List<SealedObject> objs = objects.segments(3);
        assertThat(api.upload(alice.access(), objs).status()).isEqualTo(200);
        List<SealedObject> moved = objs.subList(0, 2);

        Response r = relabel(NEWER, Api.hex(moved));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("relabelled").asInt()).isEqualTo(2);
        assertThat(r.json().get("unchanged").asInt()).isZero();
        byte[] expected = batchWithBuckets(objs, List.of(NEWER, NEWER, TestObjects.BUCKET));
        assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(expected);
        // The old pack still holds the third object; the new one, of the new month, the other two.
        assertThat(api.get("v1/usage", alice.access()).json().get("packs").asLong()).isEqualTo(2);

        Response again = relabel(NEWER, Api.hex(objs));
        assertThat(again.json().get("relabelled").asInt()).isEqualTo(1);
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(2);
        Response idempotent = relabel(NEWER, Api.hex(objs));
        assertThat(idempotent.json().get("relabelled").asInt()).isZero();
        assertThat(idempotent.json().get("unchanged").asInt()).isEqualTo(3);
        assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(batchWithBuckets(objs, List.of(NEWER, NEWER, NEWER)));
    }

    @Test
    void theOldPackOutlivesTheMoveByTheSafetyDelay() {
        List<SealedObject> objs = objects.segments(2);
        api.upload(alice.access(), objs);
        assertThat(relabel(NEWER, Api.hex(objs)).status()).isEqualTo(200);
        assertThat(api.get("v1/usage", alice.access()).json().get("packs").asLong()).isEqualTo(1);
        advanceAndLogIn(Duration.ofHours(23));
        assertThat(fx.server().sweepDroppedObjectsNow().packsDeleted()).isZero();
        advanceAndLogIn(Duration.ofHours(2));
        assertThat(fx.server().sweepDroppedObjectsNow().packsDeleted()).isEqualTo(1);
        assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(batchWithBuckets(objs, List.of(NEWER, NEWER)));
    }

    @Test
    void refusedRequestsChangeNothing() {
        SealedObject segment = objects.segment();
        SealedObject root = objects.root();
        api.upload(alice.access(), List.of(segment, root));
        List<String> ok = List.of(segment.id().hex());

        assertError(relabel(202613, ok), 400, "invalid_bucket");
        assertError(relabel(0, ok), 400, "invalid_bucket");
        assertError(relabel(null, ok), 400, "invalid_bucket");
        assertError(relabel(NEWER, List.of(segment.id().hex(), root.id().hex())), 400, "invalid_bucket");
        assertError(relabel(NEWER, List.of(segment.id().hex(), objects.segment().id().hex())), 404, "object_not_found");
        assertError(relabel(NEWER, List.of("not-an-id")), 400, "malformed_id");
        assertError(relabel(NEWER, null), 400, "bad_request");
        assertError(relabel("soon", ok), 400, "bad_request");
        assertError(relabel(NEWER, Collections.nCopies(10_001, segment.id().hex())), 413, "too_many_ids");
        assertThat(api.send("POST", "v1/objects/relabel", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).status())
                .isEqualTo(401);
        assertThat(api.fetch(alice.access(), ok).body()).isEqualTo(TestObjects.batch(segment));
        assertThat(api.get("v1/usage", alice.access()).json().get("packs").asLong()).isEqualTo(2);
    }

    @Test
    void anotherAccountsObjectsAreNotFound() {
        SealedObject segment = objects.segment();
        api.upload(alice.access(), List.of(segment));
        Api.Session bob = api.newSession("bob");
        Response r = api.post("v1/objects/relabel", bob.access(), Map.of("bucket", NEWER, "ids", List.of(segment.id().hex())));
        assertError(r, 404, "object_not_found");
    }
}
