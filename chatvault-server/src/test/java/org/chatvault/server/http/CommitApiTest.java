package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.RouteRequests;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

class CommitApiTest extends SingleUserApiTest {
    TestObjects objects = new TestObjects(7);

    static Map<String, Object> commit(long base, SealedObject root, List<SealedObject> added, List<SealedObject> dropped) {
        return RouteRequests.commit(base, root, added, dropped);
    }

    /** {@code GET /v1/vault/head} answers {@code version}, on {@code root}, committed at {@code committedAtMillis}. */
    static void assertHead(Api api, String token, long version, SealedObject root, long committedAtMillis) {
        JsonNode head = api.get("v1/vault/head", token).json();
        assertThat(head.get("version").asLong()).isEqualTo(version);
        assertThat(head.get("root").asText()).isEqualTo(root.id().hex());
        assertThat(head.get("committedAt").asLong()).isEqualTo(committedAtMillis);
    }

    @Test
    void emptyVaultHasVersionZero() {
        JsonNode head = api.get("v1/vault/head", alice.access()).json();
        assertThat(head.get("version").asLong()).isZero();
        assertThat(head.get("root").isNull()).isTrue();
        assertThat(head.get("committedAt").isNull()).isTrue();
    }

    @Test
    void commitMovesTheHeadByCompareAndSwap() {
        SealedObject root1 = objects.root();
        List<SealedObject> segs = objects.segments(3);
        api.upload(alice.access(), List.of(root1, segs.get(0), segs.get(1), segs.get(2)));

        Response c1 = api.post("v1/vault/commit", alice.access(), commit(0, root1, segs, List.of()));
        assertThat(c1.status()).as(c1.text()).isEqualTo(200);
        assertThat(c1.json().get("version").asLong()).isEqualTo(1);
        assertHead(api, alice.access(), 1, root1, fx.clock().millis());

        // A second device still at version 0 loses the race.
        SealedObject root2 = objects.root();
        api.upload(alice.access(), List.of(root2));
        Response stale = api.post("v1/vault/commit", alice.access(), commit(0, root2, List.of(), List.of()));
        assertError(stale, 409, "head_conflict");
        assertThat(stale.json().get("message").asText()).contains("version 1, not 0");

        Response c2 = api.post("v1/vault/commit", alice.access(), commit(1, root2, List.of(), List.of(segs.get(0))));
        assertThat(c2.json().get("version").asLong()).isEqualTo(2);
        assertThat(api.get("v1/usage", alice.access()).json().get("version").asLong()).isEqualTo(2);
        // Dropped objects stay fetchable until the safety delay has passed.
        assertThat(api.fetch(alice.access(), List.of(segs.get(0).id().hex())).status()).isEqualTo(200);
    }

    @Test
    void commitReferencingAbsentObjectsChangesNothing() {
        SealedObject root = objects.root();
        SealedObject held = objects.segment();
        api.upload(alice.access(), List.of(root, held));
        List<SealedObject> absent = objects.segments(2);
        Response r = api.post("v1/vault/commit", alice.access(), commit(0, root, List.of(held, absent.get(0), absent.get(1)), List.of()));
        assertError(r, 422, "objects_missing");
        assertThat(r.json().get("message").asText()).startsWith("2 objects");

        SealedObject absentRoot = objects.root();
        assertError(api.post("v1/vault/commit", alice.access(), commit(0, absentRoot, List.of(held), List.of())), 422, "objects_missing");
        assertThat(api.get("v1/vault/head", alice.access()).json().get("version").asLong()).isZero();
    }

    @Test
    void rootMustBeARootManifest() {
        SealedObject seg = objects.segment();
        api.upload(alice.access(), List.of(seg));
        assertError(api.post("v1/vault/commit", alice.access(), commit(0, seg, List.of(), List.of())), 400, "bad_request");
    }

    @Test
    void commitFieldsAreValidated() {
        SealedObject root = objects.root();
        api.upload(alice.access(), List.of(root));
        assertError(api.post("v1/vault/commit", alice.access(), Map.of("root", root.id().hex())), 400, "bad_request");
        assertError(api.post("v1/vault/commit", alice.access(), Map.of("baseVersion", 0)), 400, "bad_request");
        assertError(api.post("v1/vault/commit", alice.access(), Map.of("baseVersion", -1, "root", root.id().hex())), 400, "bad_request");
        assertError(api.post("v1/vault/commit", alice.access(), Map.of("baseVersion", 0, "root", root.id().hex(), "dropped", List.of("x"))), 400, "malformed_id");
        // added and dropped may be left out
        assertThat(api.post("v1/vault/commit", alice.access(), Map.of("baseVersion", 0, "root", root.id().hex())).status()).isEqualTo(200);
    }

    @Test
    void commitBodyOver16MiBIsRefused() {
        byte[] big = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertError(api.send("POST", "v1/vault/commit", alice.access(), "application/json", big), 413, "body_too_large");
    }
}
