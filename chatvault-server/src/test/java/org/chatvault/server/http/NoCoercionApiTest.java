package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

/** JSON scalars are taken as written: a string or a fraction for an integer, or a number for a string, is a 400. */
class NoCoercionApiTest extends SingleUserApiTest {
    private final TestObjects objects = new TestObjects(11);

    private Response raw(String method, String path, String token, String json) {
        return api.send(method, path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private String commitWithBase(String baseVersion, SealedObject root) {
        return "{\"baseVersion\":" + baseVersion + ",\"root\":\"" + root.id().hex() + "\",\"added\":[],\"dropped\":[]}";
    }

    @Test
    void aVersionSentAsAStringOrAFractionIsRefusedAndNothingIsCommitted() {
        SealedObject root = objects.root();
        assertThat(api.upload(alice.access(), List.of(root)).status()).isEqualTo(200);

        for (String base : List.of("\"0\"", "0.0", "0.9", "1e0", "true", "\"\"")) {
            Response r = raw("POST", "v1/vault/commit", alice.access(), commitWithBase(base, root));
            assertError(r, 400, "bad_request");
            assertThat(r.json().get("message").asText()).as(base).contains("baseVersion");
        }
        assertThat(api.get("v1/vault/head", alice.access()).json().get("version").asLong()).isZero();
        // The same body with a real integer goes through, so the refusals were about the type alone.
        assertThat(raw("POST", "v1/vault/commit", alice.access(), commitWithBase("0", root)).status()).isEqualTo(200);
    }

    @Test
    void aBucketSentAsAStringIsRefused() {
        Response r = raw("POST", "v1/objects/relabel", alice.access(), "{\"bucket\":\"202401\",\"ids\":[]}");
        assertError(r, 400, "bad_request");
        assertThat(r.json().get("message").asText()).contains("bucket");
        assertError(raw("POST", "v1/objects/relabel", alice.access(), "{\"bucket\":202401.5,\"ids\":[]}"), 400, "bad_request");
    }

    @Test
    void aNumberWhereAStringIsExpectedIsRefused() {
        Response r = raw("POST", "v1/accounts", null, "{\"username\":12345,\"loginSecret\":\"" + Api.newSecret() + "\"}");
        assertError(r, 400, "bad_request");
        assertThat(r.json().get("message").asText()).contains("username");
        assertError(raw("POST", "v1/objects/missing", alice.access(), "{\"ids\":[1]}"), 400, "bad_request");
        assertError(raw("PUT", "v1/keyslots/recovery", alice.access(), "{\"kind\":\"recovery\",\"blob\":false}"), 400, "bad_request");
        // No account was made from the coerced name.
        assertError(api.login("12345", Api.newSecret()), 401, "invalid_credentials");
    }
}
