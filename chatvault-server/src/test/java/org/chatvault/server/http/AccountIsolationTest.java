package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing one account does can reach another account's objects, head or key slots. */
class AccountIsolationTest {
    @TempDir Path dir;
    ServerFixture fx;
    Api api;
    Session alice;
    Session bob;
    TestObjects objects = new TestObjects(11);
    List<SealedObject> aliceObjects;
    SealedObject aliceRoot;

    @BeforeEach
    void start() {
        fx = new ServerFixture(dir);
        api = fx.api();
        alice = api.newSession("alice");
        bob = api.newSession("bob");
        aliceObjects = objects.segments(3);
        aliceRoot = objects.root();
        api.upload(alice.access(), aliceObjects);
        api.upload(alice.access(), List.of(aliceRoot));
        assertThat(api.post("v1/vault/commit", alice.access(), CommitApiTest.commit(0, aliceRoot, aliceObjects, List.of())).status()).isEqualTo(200);
        api.json("PUT", "v1/keyslots/recovery", alice.access(), Map.of("kind", "recovery", "blob", "c2VjcmV0"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void anotherAccountCannotSeeOrFetchObjects() {
        List<String> ids = Api.hex(aliceObjects);
        assertThat(api.missing(bob.access(), ids).json().get("missing")).hasSize(3);
        assertError(api.fetch(bob.access(), ids), 404, "object_not_found");
        assertError(api.fetch(bob.access(), List.of(ids.get(0))), 404, "object_not_found");
        assertThat(api.get("v1/usage", bob.access()).json().get("objects").asLong()).isZero();
    }

    @Test
    void anotherAccountCannotCommitWithThem() {
        assertError(api.post("v1/vault/commit", bob.access(), CommitApiTest.commit(0, aliceRoot, aliceObjects, List.of())), 422, "objects_missing");
        assertThat(api.get("v1/vault/head", bob.access()).json().get("version").asLong()).isZero();
        // dropping someone else's objects does nothing to them
        SealedObject bobRoot = objects.root();
        api.upload(bob.access(), List.of(bobRoot));
        assertThat(api.post("v1/vault/commit", bob.access(), CommitApiTest.commit(0, bobRoot, List.of(), aliceObjects)).status()).isEqualTo(200);
        assertThat(api.get("v1/vault/head", alice.access()).json().get("root").asText()).isEqualTo(aliceRoot.id().hex());
    }

    @Test
    void sameObjectsUploadedByAnotherAccountAreStoredSeparately() {
        var r = api.upload(bob.access(), aliceObjects);
        assertThat(r.json().get("stored").asInt()).isEqualTo(3);
        assertThat(api.fetch(bob.access(), Api.hex(aliceObjects)).body()).isEqualTo(TestObjects.batch(aliceObjects));
    }

    @Test
    void anotherAccountCannotReadOrDeleteKeySlots() {
        assertThat(api.get("v1/keyslots", bob.access()).json().get("slots")).isEmpty();
        assertError(api.delete("v1/keyslots/recovery", bob.access()), 404, "not_found");
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots")).hasSize(1);
    }
}
