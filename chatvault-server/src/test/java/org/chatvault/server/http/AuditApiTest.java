package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/audit}: what happened to the account, newest first, paged, per account, and never a secret. */
class AuditApiTest extends SingleUserApiTest {

    private static List<String> names(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.get("event").asText()));
        return out;
    }

    @Test
    void theLogTellsWhatHappenedNewestFirstWithoutSecrets() {
        String blob = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertError(api.login("alice", Api.newSecret()), 401, "invalid_credentials");
        JsonNode laptop = api.login("alice", alice.secret()).json();
        String laptopId = laptop.get("deviceId").asText();
        assertThat(api.json("PUT", "v1/keyslots/passphrase", alice.access(), Map.of("kind", "passphrase", "blob", blob)).status()).isEqualTo(204);
        assertThat(api.delete("v1/keyslots/passphrase", alice.access()).status()).isEqualTo(204);
        assertThat(api.post("v1/devices/current/approval", laptop.get("accessToken").asText(),
                Map.of("publicKey", Base64.getEncoder().encodeToString(new byte[32]))).status()).isEqualTo(200);
        assertThat(api.delete("v1/devices/" + laptopId, alice.access()).status()).isEqualTo(204);
        api.newSession("bob");
        assertError(api.login("bob", Api.newSecret()), 401, "invalid_credentials");

        Api.Response r = api.get("v1/audit", alice.access());
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode events = r.json().get("events");
        assertThat(names(events)).containsExactly("device_revoked", "approval_requested", "key_slot_deleted", "key_slot_put", "login",
                "device_added", "login_failed", "login", "device_added");
        assertThat(events.get(0).get("deviceId").asText()).isEqualTo(laptopId);
        assertThat(events.get(2).get("detail").asText()).isEqualTo("passphrase");
        assertThat(events.get(0).get("at").asLong()).isEqualTo(fx.clock().millis());
        assertThat(r.json().get("nextBefore").isNull()).isTrue();
        // no secret of any kind: login secret, tokens, device credential, key slot
        assertThat(r.text()).doesNotContain(alice.secret()).doesNotContain(alice.access()).doesNotContain(alice.refresh())
                .doesNotContain(laptop.get("accessToken").asText()).doesNotContain(laptop.get("deviceCredential").asText()).doesNotContain(blob);
    }

    @Test
    void pagesFollowEachOther() {
        for (int i = 0; i < 4; i++) api.login("alice", alice.secret());
        JsonNode all = api.get("v1/audit", alice.access()).json().get("events");
        assertThat(all).hasSize(10); // five logins, each a new device
        List<Long> ids = new ArrayList<>();
        Long before = null;
        int pages = 0;
        do {
            JsonNode page = api.get("v1/audit?limit=3" + (before == null ? "" : "&before=" + before), alice.access()).json();
            page.get("events").forEach(e -> ids.add(e.get("id").asLong()));
            before = page.get("nextBefore").isNull() ? null : page.get("nextBefore").asLong();
            pages++;
        } while (before != null);
        assertThat(pages).isEqualTo(4);
        List<Long> expected = new ArrayList<>();
        all.forEach(e -> expected.add(e.get("id").asLong()));
        assertThat(ids).isEqualTo(expected);
        assertError(api.get("v1/audit?limit=0", alice.access()), 400, "bad_request");
        assertError(api.get("v1/audit?limit=201", alice.access()), 400, "bad_request");
        assertError(api.get("v1/audit?before=x", alice.access()), 400, "bad_request");
        assertError(api.get("v1/audit", null), 401, "unauthorized");
        assertThat(api.get("v1/audit", api.newSession("bob").access()).json().get("events")).hasSize(2);
    }
}
