package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;
import static org.chatvault.server.http.ObjectApiTest.filesUnder;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.core.format.SealedObject;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.server.store.sql.SqlStores;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.Api.Signer;
import org.chatvault.server.testing.RouteRequests;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

/**
 * The promise of signed requests, through the real HTTP API: the login password alone reads and
 * changes nothing in the vault, and a signature counts only for the one request it was made for.
 */
class SignedRequestApiTest extends SingleUserApiTest {
    private final TestObjects objects = new TestObjects(4242);

    private static byte[] json(Object body) {
        try {
            return Api.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long headVersion() {
        return api.get("v1/vault/head", alice.access()).json().get("version").asLong();
    }

    @Test
    void aPasswordOnlySessionIsRefusedOnEveryVaultRouteAndServedOnSessionRoutes() {
        SealedObject root = objects.root();
        RouteRequests.Targets targets = RouteRequests.Targets.madeUp(root, List.of(root));
        assertThat(api.json("PUT", "v1/keyslots/recovery", alice.access(), Map.of("kind", "recovery", "blob", "AQID")).status()).isEqualTo(204);
        String thief = api.login(alice.username(), alice.secret()).json().get("accessToken").asText();
        assertThat(Api.signerOf(new Session(alice.username(), alice.secret(), thief, null))).as("a plain login is password-only").isNull();

        List<ApiEndpoint> vault = new ArrayList<>();
        for (ApiEndpoint e : ApiEndpoint.values()) {
            if (e.access() != Access.VAULT) continue;
            vault.add(e);
            Response r = RouteRequests.of(e, targets).send(api, thief);
            assertError(r, 403, "signature_required");
            assertThat(r.json().get("message").asText()).as(e.toString()).contains("signed");
        }
        assertThat(vault).contains(ApiEndpoint.COMMIT, ApiEndpoint.PUT_KEY_SLOT, ApiEndpoint.DELETE_KEY_SLOT, ApiEndpoint.FETCH, ApiEndpoint.HEAD);

        // Nothing changed: the slot, the head, the objects.
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots").get(0).get("blob").asText()).isEqualTo("AQID");
        assertThat(headVersion()).isZero();
        assertThat(api.missing(alice.access(), List.of(root.id().hex())).json().get("missing")).hasSize(1);

        // Session routes serve it; logging out last, as it ends the session.
        for (ApiEndpoint e : ApiEndpoint.values()) {
            if (e.access() != Access.SESSION || e == ApiEndpoint.LOGOUT) continue;
            Response r = RouteRequests.of(e, targets).send(api, thief);
            assertThat(r.status()).as(e + ": " + r.text()).isBetween(200, 299);
        }
        assertThat(api.delete("v1/sessions/current", thief).status()).isEqualTo(204);
    }

    /** A commit of a freshly uploaded root on version 0, and its body. */
    private byte[] uploadedCommit() {
        SealedObject root = objects.root();
        assertThat(api.upload(alice.access(), List.of(root)).status()).isEqualTo(200);
        return json(CommitApiTest.commit(0, root, List.of(), List.of()));
    }

    private Response commitWith(byte[] body, Map<String, String> headers) {
        return api.sendWithHeaders("POST", "v1/vault/commit", alice.access(), "application/json", body, headers);
    }

    @Test
    void everyKindOfWrongSignatureIsRefusedAndTheRightOneCommits() {
        Signer signer = Api.signerOf(alice);
        Session bob = api.newSession("bob");
        Signer bobs = Api.signerOf(bob);
        byte[] body = uploadedCommit();
        byte[] otherBody = json(CommitApiTest.commit(0, objects.root(), List.of(), List.of()));
        long now = fx.clock().millis();
        long window = fx.config().signatureWindow().toMillis();

        Response stale = commitWith(body, signer.headers("POST", "/v1/vault/commit", now - window - 1, body));
        assertError(stale, 403, "signature_stale");
        assertThat(stale.json().get("message").asText()).contains(Instant.ofEpochMilli(now).toString());
        assertThat(stale.header(RequestSignature.SERVER_TIME_HEADER)).as("the server's time, for the client to sign with")
                .isEqualTo(Long.toString(now));
        assertError(commitWith(body, signer.headers("POST", "/v1/vault/commit", now + window + 1, body)), 403, "signature_stale");

        assertError(commitWith(body, signer.forAccount(bobs.accountId()).headers("POST", "/v1/vault/commit", now, body)), 403, "signature_invalid");
        assertError(commitWith(body, bobs.forAccount(signer.accountId()).headers("POST", "/v1/vault/commit", now, body)), 403, "signature_invalid");
        assertError(commitWith(body, signer.headers("POST", "/v1/vault/commit", now, otherBody)), 403, "signature_invalid");
        assertError(commitWith(body, signer.headers("POST", "/v1/objects/relabel", now, body)), 403, "signature_invalid");
        assertError(commitWith(body, signer.headers("PUT", "/v1/vault/commit", now, body)), 403, "signature_invalid");

        Map<String, String> good = signer.headers("POST", "/v1/vault/commit", now, body);
        Map<String, String> badTimestamp = new HashMap<>(good);
        badTimestamp.put(RequestSignature.TIMESTAMP_HEADER, "yesterday");
        assertError(commitWith(body, badTimestamp), 403, "signature_invalid");
        Map<String, String> badSignature = new HashMap<>(good);
        badSignature.put(RequestSignature.SIGNATURE_HEADER, Base64.getEncoder().encodeToString(new byte[63]));
        assertError(commitWith(body, badSignature), 403, "signature_invalid");
        Map<String, String> onlyTimestamp = Map.of(RequestSignature.TIMESTAMP_HEADER, Long.toString(now));
        assertError(commitWith(body, onlyTimestamp), 403, "signature_required");
        assertThat(headVersion()).as("no refused commit moved the head").isZero();

        // The right signature, within the window but not on the dot, commits; sent again, it is a replay.
        Map<String, String> right = signer.headers("POST", "/v1/vault/commit", now - window + 1000, body);
        Response committed = commitWith(body, right);
        assertThat(committed.status()).as(committed.text()).isEqualTo(200);
        assertThat(committed.json().get("version").asLong()).isEqualTo(1);
        assertError(commitWith(body, right), 403, "signature_replayed");
        assertThat(headVersion()).isEqualTo(1);
    }

    @Test
    void aReplayedKeySlotDeletionIsRefusedAndReadsMayRepeat() {
        Signer signer = Api.signerOf(alice);
        assertThat(api.json("PUT", "v1/keyslots/device-1", alice.access(), Map.of("kind", "device", "blob", "AQID")).status()).isEqualTo(204);
        long now = fx.clock().millis();
        Map<String, String> delete = signer.headers("DELETE", "/v1/keyslots/device-1", now, new byte[0]);
        assertThat(api.sendWithHeaders("DELETE", "v1/keyslots/device-1", alice.access(), null, null, delete).status()).isEqualTo(204);
        assertThat(api.json("PUT", "v1/keyslots/device-1", alice.access(), Map.of("kind", "device", "blob", "BAUG")).status()).isEqualTo(204);
        assertError(api.sendWithHeaders("DELETE", "v1/keyslots/device-1", alice.access(), null, null, delete), 403, "signature_replayed");
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots")).hasSize(1);

        Map<String, String> head = signer.headers("GET", "/v1/vault/head", now, new byte[0]);
        for (int i = 0; i < 2; i++)
            assertThat(api.sendWithHeaders("GET", "v1/vault/head", alice.access(), null, null, head).status()).as("read %d", i).isEqualTo(200);

        // Once the window has passed, the same request is stale rather than remembered.
        fx.clock().advance(fx.config().signatureWindow().plusSeconds(1));
        assertError(api.sendWithHeaders("DELETE", "v1/keyslots/device-1", alice.access(), null, null, delete), 403, "signature_stale");
    }

    @Test
    void anUploadWhoseSignatureDoesNotCoverItsBodyStoresNothing() throws IOException {
        Signer signer = Api.signerOf(alice);
        List<SealedObject> batch = objects.segments(3);
        byte[] body = TestObjects.batch(batch);
        byte[] other = TestObjects.batch(objects.segments(3));
        Response r = api.sendWithHeaders("POST", "v1/objects", alice.access(), "application/octet-stream", body,
                signer.headers("POST", "/v1/objects", fx.clock().millis(), other));
        assertError(r, 403, "signature_invalid");
        assertThat(api.missing(alice.access(), Api.hex(batch)).json().get("missing")).hasSize(3);
        assertThat(filesUnder(dir.resolve("objects"))).isEmpty();
        assertThat(filesUnder(dir.resolve("tmp"))).isEmpty();

        Map<String, String> right = signer.headers("POST", "/v1/objects", fx.clock().millis(), body);
        Response stored = api.sendWithHeaders("POST", "v1/objects", alice.access(), "application/octet-stream", body, right);
        assertThat(stored.status()).as(stored.text()).isEqualTo(200);
        assertThat(stored.json().get("stored").asInt()).isEqualTo(3);
        assertError(api.sendWithHeaders("POST", "v1/objects", alice.access(), "application/octet-stream", body, right), 403, "signature_replayed");
    }

    @Test
    void registrationNeedsAValidVaultPublicKeyAndTokensNameTheAccountAndServerTime() {
        String secret = Api.newSecret();
        assertError(api.registerWithKey("kim", secret, null), 400, "bad_request");
        assertError(api.registerWithKey("kim", secret, Base64.getEncoder().encodeToString(new byte[31])), 400, "bad_request");
        byte[] identity = new byte[32];
        identity[0] = 1;
        Response weak = api.registerWithKey("kim", secret, Base64.getEncoder().encodeToString(identity));
        assertError(weak, 400, "bad_request");
        assertThat(weak.json().get("message").asText()).contains("vaultPublicKey");

        Response created = api.register("kim", secret);
        assertThat(created.status()).isEqualTo(201);
        JsonNode tokens = api.login("kim", secret).json();
        assertThat(tokens.get("accountId").asText()).isEqualTo(created.json().get("accountId").asText());
        assertThat(tokens.get("serverTime").asLong()).isEqualTo(fx.clock().millis());
    }

    @Test
    void anAccountCreatedBeforeSignedRequestsIsToldItHasNoKeyOnVaultRoutesOnly() {
        String accountId = Api.signerOf(alice).accountId();
        try (SqlStores stores = SqlStores.sqlite(dir.resolve("metadata.db"))) {
            stores.database().write("forget the key", h -> h.execute("UPDATE accounts SET vault_public_key = NULL WHERE account_id = ?", accountId));
        }
        Response r = api.get("v1/vault/head", alice.access());
        assertError(r, 403, "signing_key_missing");
        assertThat(r.json().get("message").asText()).contains("no vault signing key");
        assertThat(api.get("v1/usage", alice.access()).status()).isEqualTo(200);
    }

    @Test
    void aSignatureByAKeyTheAccountDidNotRegisterIsRefused() {
        try (VaultSigningKey stranger = Signer.newKey()) {
            Signer forged = new Signer(Api.signerOf(alice).accountId(), stranger);
            Response r = api.sendWithHeaders("GET", "v1/vault/head", alice.access(), null, null,
                    forged.headers("GET", "/v1/vault/head", fx.clock().millis(), new byte[0]));
            assertError(r, 403, "signature_invalid");
        }
    }
}
