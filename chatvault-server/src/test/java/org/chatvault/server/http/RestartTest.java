package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartTest {
    @TempDir Path dir;

    @Test
    void restartOnTheSameDataDirLosesNothing() {
        TestObjects objects = new TestObjects(3);
        List<SealedObject> objs = new ArrayList<>(objects.segments(10));
        SealedObject root = objects.root();
        objs.add(root);
        try (ServerFixture fx = new ServerFixture(dir)) {
            Api api = fx.api();
            Session alice = api.newSession("alice");
            api.upload(alice.access(), objs);
            assertThat(api.post("v1/vault/commit", alice.access(), CommitApiTest.commit(0, root, objs, List.of())).status()).isEqualTo(200);
            api.json("PUT", "v1/keyslots/recovery", alice.access(), Map.of("kind", "recovery", "blob", "AAECAw=="));
            String usageBefore = api.get("v1/usage", alice.access()).text();

            fx.restart();
            api = fx.api();

            // the old access token still works, and so does logging in again
            assertThat(api.get("v1/usage", alice.access()).text()).isEqualTo(usageBefore);
            assertThat(api.login("alice", alice.secret()).status()).isEqualTo(200);
            assertThat(api.get("v1/vault/head", alice.access()).json().get("root").asText()).isEqualTo(root.id().hex());
            assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(TestObjects.batch(objs));
            assertThat(api.get("v1/keyslots", alice.access()).json().get("slots").get(0).get("blob").asText()).isEqualTo("AAECAw==");
            assertThat(api.register("alice", Api.newSecret()).error()).isEqualTo("username_taken");
            assertThat(api.upload(alice.access(), objs).json().get("alreadyPresent").asInt()).isEqualTo(objs.size());
        }
    }
}
