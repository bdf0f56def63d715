package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.config.MetadataBackend;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.PostgresTestDatabase;
import org.chatvault.server.testing.ServerFixture;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real servers over HTTP with PostgreSQL metadata (filesystem objects), as in the scaled-out mode. */
class PostgresServerTest {
    @TempDir Path dir;
    private final PostgresTestDatabase pg = PostgresTestDatabase.connect();
    private final TestObjects objects = new TestObjects(11);

    @AfterEach
    void dropSchemas() {
        pg.close();
    }

    @Test
    void registerLoginUploadCommitHead() {
        PostgresSettings db = pg.newSchema();
        try (ServerFixture fx = new ServerFixture(dir, c -> c.withMetadata(new MetadataBackend.Postgres(db)))) {
            Api api = fx.api();
            Session alice = api.newSession("alice");
            SealedObject root = objects.root();
            List<SealedObject> objs = new ArrayList<>(objects.segments(4));
            objs.add(root);

            Response up = api.upload(alice.access(), objs);
            assertThat(up.status()).as(up.text()).isEqualTo(200);
            assertThat(up.json().get("stored").asInt()).isEqualTo(objs.size());
            Response commit = api.post("v1/vault/commit", alice.access(), CommitApiTest.commit(0, root, objs, List.of()));
            assertThat(commit.status()).as(commit.text()).isEqualTo(200);
            assertThat(commit.json().get("version").asLong()).isEqualTo(1);

            CommitApiTest.assertHead(api, alice.access(), 1, root, fx.clock().millis());
            assertThat(api.fetch(alice.access(), Api.hex(objs)).body()).isEqualTo(TestObjects.batch(objs));

            // The metadata went to PostgreSQL: no SQLite file appeared in the data directory.
            assertThat(dir.resolve("metadata.db")).doesNotExist();
            fx.restart();
            assertThat(fx.api().get("v1/vault/head", alice.access()).json().get("version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void instancesSharingTheDatabaseShareAccountsTokensAndHeads() {
        PostgresSettings db = pg.newSchema();
        try (ServerFixture a = new ServerFixture(dir.resolve("a"), c -> c.withMetadata(new MetadataBackend.Postgres(db)));
             ServerFixture b = new ServerFixture(dir.resolve("b"), c -> c.withMetadata(new MetadataBackend.Postgres(db)))) {
            Session alice = a.api().newSession("alice");
            // A token issued by one instance is honoured by the other.
            assertThat(b.api().get("v1/vault/head", alice.access()).status()).isEqualTo(200);
            assertThat(b.api().login("alice", alice.secret()).status()).isEqualTo(200);

            SealedObject root1 = objects.root();
            SealedObject root2 = objects.root();
            a.api().upload(alice.access(), List.of(root1, root2));
            assertThat(a.api().post("v1/vault/commit", alice.access(), CommitApiTest.commit(0, root1, List.of(), List.of())).status())
                    .isEqualTo(200);
            // The other instance sees the new head at once and refuses a commit on the old one.
            assertThat(b.api().get("v1/vault/head", alice.access()).json().get("version").asLong()).isEqualTo(1);
            assertError(b.api().post("v1/vault/commit", alice.access(), CommitApiTest.commit(0, root2, List.of(), List.of())),
                    409, "head_conflict");
            // Usernames are unique across instances.
            assertError(b.api().register("ALICE", Api.newSecret()), 409, "username_taken");
        }
    }

    @Test
    void aSignedRequestAcceptedByOneInstanceIsAReplayOnTheOther() {
        PostgresSettings db = pg.newSchema();
        try (ServerFixture a = new ServerFixture(dir.resolve("a"), c -> c.withMetadata(new MetadataBackend.Postgres(db)));
             ServerFixture b = new ServerFixture(dir.resolve("b"), a.clock(), c -> c.withMetadata(new MetadataBackend.Postgres(db)))) {
            Session alice = a.api().newSession("alice");
            assertThat(a.api().json("PUT", "v1/keyslots/device-1", alice.access(), java.util.Map.of("kind", "device", "blob", "AQID")).status())
                    .isEqualTo(204);
            java.util.Map<String, String> delete = Api.signerOf(alice).headers("DELETE", "/v1/keyslots/device-1", a.clock().millis(), new byte[0]);
            assertThat(a.api().sendWithHeaders("DELETE", "v1/keyslots/device-1", alice.access(), null, null, delete).status()).isEqualTo(204);
            assertThat(b.api().json("PUT", "v1/keyslots/device-1", alice.access(), java.util.Map.of("kind", "device", "blob", "BAUG")).status())
                    .isEqualTo(204);
            assertError(b.api().sendWithHeaders("DELETE", "v1/keyslots/device-1", alice.access(), null, null, delete), 403, "signature_replayed");
            assertThat(b.api().get("v1/keyslots", alice.access()).json().get("slots")).hasSize(1);
            // The only recovery slot is guarded on PostgreSQL too.
            assertThat(a.api().json("PUT", "v1/keyslots/recovery", alice.access(), java.util.Map.of("kind", "recovery", "blob", "AQID")).status())
                    .isEqualTo(204);
            assertError(b.api().delete("v1/keyslots/recovery", alice.access()), 409, "last_recovery_slot");
        }
    }
}
