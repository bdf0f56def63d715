package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.Map;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.Test;

class KeySlotApiTest extends SingleUserApiTest {

    private Api.Response put(String slotId, String kind, String blob) {
        return api.json("PUT", "v1/keyslots/" + slotId, alice.access(), Map.of("kind", kind, "blob", blob));
    }

    @Test
    void putListReplaceDelete() {
        String b1 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        String b2 = Base64.getEncoder().encodeToString(new byte[4096]);
        assertThat(put("recovery", "recovery", b1).status()).isEqualTo(204);
        assertThat(put("device-7f3a", "device", b1).status()).isEqualTo(204);
        assertThat(put("recovery", "recovery", b2).status()).isEqualTo(204);

        JsonNode slots = api.get("v1/keyslots", alice.access()).json().get("slots");
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).get("slotId").asText()).isEqualTo("device-7f3a");
        assertThat(slots.get(1).get("kind").asText()).isEqualTo("recovery");
        assertThat(slots.get(1).get("blob").asText()).isEqualTo(b2);

        assertThat(api.delete("v1/keyslots/device-7f3a", alice.access()).status()).isEqualTo(204);
        assertError(api.delete("v1/keyslots/device-7f3a", alice.access()), 404, "not_found");
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots")).hasSize(1);
    }

    @Test
    void slotsAreValidated() {
        String blob = Base64.getEncoder().encodeToString(new byte[10]);
        assertError(put("Upper", "recovery", blob), 400, "bad_request");
        assertError(put("x".repeat(65), "recovery", blob), 400, "bad_request");
        assertError(put("ok", "password", blob), 400, "bad_request");
        assertError(put("ok", "recovery", "!!!"), 400, "bad_request");
        assertError(put("ok", "recovery", Base64.getEncoder().encodeToString(new byte[4097])), 400, "bad_request");
        assertError(api.get("v1/keyslots", null), 401, "unauthorized");
    }
}
