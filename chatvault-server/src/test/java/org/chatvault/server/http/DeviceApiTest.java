package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/devices}: alice's {@code newSession} is her first device; a plain {@code login} is a new
 * device that knows only the password.
 */
class DeviceApiTest extends SingleUserApiTest {
    private static final Base64.Encoder B64 = Base64.getEncoder();

    /** Devices list in the order they were added; alice's first device must come first even when listed by id. */
    @org.junit.jupiter.api.BeforeEach
    void laterThanAlicesDevice() {
        fx.clock().advance(Duration.ofMinutes(1));
    }

    private Response login(String name, String deviceId, String credential) {
        Map<String, String> body = new HashMap<>(Map.of("username", "alice", "loginSecret", alice.secret()));
        if (name != null) body.put("deviceName", name);
        if (deviceId != null) body.put("deviceId", deviceId);
        if (credential != null) body.put("deviceCredential", credential);
        return api.post("v1/sessions", null, body);
    }

    private JsonNode devices(String token) {
        Response r = api.get("v1/devices", token);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json().get("devices");
    }

    private static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return B64.encodeToString(k);
    }

    @Test
    void everyLoginIsADeviceAndTheListSaysWhichIsThisOne() {
        Response laptop = login("work laptop", null, null);
        assertThat(laptop.status()).isEqualTo(200);
        assertThat(laptop.json().get("deviceId").asText()).matches("[0-9a-f-]{36}");
        assertThat(laptop.json().get("deviceCredential").asText()).matches("[A-Za-z0-9_-]{43}");
        JsonNode seenByAlice = devices(alice.access());
        assertThat(seenByAlice).hasSize(2);
        assertThat(seenByAlice.get(0).get("current").asBoolean()).isTrue();
        assertThat(seenByAlice.get(0).get("name").asText()).isEqualTo("unnamed device");
        assertThat(seenByAlice.get(1).get("current").asBoolean()).isFalse();
        assertThat(seenByAlice.get(1).get("name").asText()).isEqualTo("work laptop");
        assertThat(seenByAlice.get(1).get("kind").asText()).isEqualTo("other");
        assertThat(seenByAlice.get(1).get("deviceId").asText()).isEqualTo(laptop.json().get("deviceId").asText());
        assertThat(seenByAlice.get(1).get("addedAt").asLong()).isEqualTo(fx.clock().millis());
        assertThat(seenByAlice.get(1).get("pendingApproval").asBoolean()).isFalse();
        assertThat(seenByAlice.get(1).get("publicKey").isNull()).isTrue();
        // the password-only device sees the list too, with itself as current
        assertThat(devices(laptop.json().get("accessToken").asText()).get(1).get("current").asBoolean()).isTrue();
        // another account sees only its own
        assertThat(devices(api.newSession("bob").access())).hasSize(1);
    }

    @Test
    void aKnownDeviceLogsInAgainAsItselfAndAWrongCredentialIsRefused() {
        JsonNode first = login("tablet", null, null).json();
        String id = first.get("deviceId").asText(), credential = first.get("deviceCredential").asText();
        fx.clock().advance(Duration.ofMinutes(5));
        Response again = login(null, id, credential);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.json().get("deviceId").asText()).isEqualTo(id);
        assertThat(again.json().get("deviceCredential").isNull()).isTrue(); // handed out once
        JsonNode list = devices(alice.access());
        assertThat(list).hasSize(2);
        assertThat(list.get(1).get("lastSeenAt").asLong()).isEqualTo(fx.clock().millis());
        assertError(login(null, id, "A".repeat(43)), 401, "invalid_credentials");
        assertError(login(null, "00000000-0000-0000-0000-000000000000", credential), 401, "invalid_credentials");
        assertError(login(null, id, null), 401, "invalid_credentials");
        assertThat(devices(alice.access())).hasSize(2);
    }

    @Test
    void renameChangesTheNameWithinBounds() {
        String id = devices(alice.access()).get(0).get("deviceId").asText();
        assertThat(api.json("PUT", "v1/devices/" + id + "/name", alice.access(), Map.of("name", "  phone ")).status()).isEqualTo(204);
        assertThat(devices(alice.access()).get(0).get("name").asText()).isEqualTo("phone");
        assertError(api.json("PUT", "v1/devices/" + id + "/name", alice.access(), Map.of("name", "")), 400, "bad_request");
        assertError(api.json("PUT", "v1/devices/" + id + "/name", alice.access(), Map.of("name", "x".repeat(65))), 400, "bad_request");
        assertError(api.json("PUT", "v1/devices/" + id + "/name", alice.access(), Map.of("name", "a\nb")), 400, "bad_request");
        assertError(api.json("PUT", "v1/devices/no-such/name", alice.access(), Map.of("name", "x")), 404, "not_found");
        Api.Session bob = api.newSession("bob");
        assertError(api.json("PUT", "v1/devices/" + id + "/name", bob.access(), Map.of("name", "mine")), 404, "not_found");
        assertThat(devices(alice.access()).get(0).get("name").asText()).isEqualTo("phone");
    }

    @Test
    void revokingADeviceEndsItsSessionsAtOnceRemovesItsSlotAndRefusesItsCredential() {
        JsonNode b = login("stolen phone", null, null).json();
        String id = b.get("deviceId").asText(), access = b.get("accessToken").asText();
        // the device had been approved: its slot exists
        assertThat(api.post("v1/devices/current/approval", access, Map.of("publicKey", key(9))).status()).isEqualTo(200);
        assertThat(api.post("v1/devices/" + id + "/approve", alice.access(), Map.of("publicKey", key(9), "keySlot", key(1))).status())
                .isEqualTo(204);
        assertThat(api.get("v1/usage", access).status()).isEqualTo(200);
        assertThat(api.get("v1/keyslots", access).json().get("slots").toString()).contains("device-" + id);

        Api.Session bob = api.newSession("bob");
        assertError(api.delete("v1/devices/" + id, bob.access()), 404, "not_found"); // not bob's
        assertThat(api.delete("v1/devices/" + id, alice.access()).status()).isEqualTo(204);

        assertError(api.get("v1/usage", access), 401, "unauthorized");
        assertError(api.get("v1/vault/head", access), 401, "unauthorized");
        assertError(api.post("v1/sessions/refresh", null, Map.of("refreshToken", b.get("refreshToken").asText())), 401, "unauthorized");
        assertError(login(null, id, b.get("deviceCredential").asText()), 403, "device_revoked");
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots").toString()).doesNotContain("device-" + id);
        assertThat(devices(alice.access())).hasSize(1);
        assertError(api.delete("v1/devices/" + id, alice.access()), 404, "not_found");
        // the password still opens a new, empty-handed device
        assertThat(login("thief", null, null).status()).isEqualTo(200);
    }

    @Test
    void approvalStoresTheSealedKeyForTheWaitingKeyOnlyOnceAndBeforeItExpires() {
        JsonNode b = login("new phone", null, null).json();
        String id = b.get("deviceId").asText(), access = b.get("accessToken").asText();
        Response asked = api.post("v1/devices/current/approval", access, Map.of("publicKey", key(7)));
        assertThat(asked.status()).as(asked.text()).isEqualTo(200);
        assertThat(asked.json().get("deviceId").asText()).isEqualTo(id);
        assertThat(asked.json().get("expiresAt").asLong()).isEqualTo(fx.clock().millis() + Duration.ofMinutes(15).toMillis());
        assertThat(asked.json().has("vaultPublicKey")).isTrue();
        JsonNode waiting = devices(alice.access()).get(1);
        assertThat(waiting.get("pendingApproval").asBoolean()).isTrue();
        assertThat(waiting.get("publicKey").asText()).isEqualTo(key(7));

        assertError(api.post("v1/devices/" + id + "/approve", alice.access(), Map.of("publicKey", key(8), "keySlot", key(1))), 409,
                "no_pending_approval"); // the approver saw another key
        assertError(api.post("v1/devices/" + id + "/approve", alice.access(), Map.of("publicKey", key(7), "keySlot", "!!")), 400, "bad_request");
        assertThat(api.post("v1/devices/" + id + "/approve", alice.access(), Map.of("publicKey", key(7), "keySlot", key(1))).status())
                .isEqualTo(204);
        JsonNode slots = api.get("v1/keyslots", access).json().get("slots");
        assertThat(slots).anySatisfy(s -> {
            assertThat(s.get("slotId").asText()).isEqualTo("device-" + id);
            assertThat(s.get("kind").asText()).isEqualTo("device");
            assertThat(s.get("blob").asText()).isEqualTo(key(1));
        });
        assertThat(devices(alice.access()).get(1).get("pendingApproval").asBoolean()).isFalse();
        assertError(api.post("v1/devices/" + id + "/approve", alice.access(), Map.of("publicKey", key(7), "keySlot", key(2))), 409,
                "no_pending_approval");

        // a request lapses after 15 minutes
        assertThat(api.post("v1/devices/current/approval", access, Map.of("publicKey", key(5))).status()).isEqualTo(200);
        fx.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        String aliceAccess = api.post("v1/sessions/refresh", null, Map.of("refreshToken", alice.refresh())).json().get("accessToken").asText();
        access = api.post("v1/sessions/refresh", null, Map.of("refreshToken", b.get("refreshToken").asText())).json().get("accessToken").asText();
        assertThat(devices(aliceAccess).get(1).get("pendingApproval").asBoolean()).isFalse();
        assertError(api.post("v1/devices/" + id + "/approve", aliceAccess, Map.of("publicKey", key(5), "keySlot", key(3))), 409,
                "no_pending_approval");
        assertThat(api.get("v1/keyslots", access).json().get("slots").toString()).contains(key(1)).doesNotContain(key(3));
    }

    @Test
    void approvalInputIsValidated() {
        assertError(api.post("v1/devices/current/approval", alice.access(), Map.of("publicKey", B64.encodeToString(new byte[31]))), 400,
                "bad_request");
        assertError(api.post("v1/devices/current/approval", alice.access(), Map.of()), 400, "bad_request");
        assertError(api.post("v1/devices/current/approval", null, Map.of("publicKey", key(1))), 401, "unauthorized");
        assertError(api.post("v1/devices/no-such/approve", alice.access(), Map.of("publicKey", key(1), "keySlot", key(1))), 409,
                "no_pending_approval");
        assertError(api.post("v1/devices/x/approve", alice.access(), Map.of("publicKey", key(1),
                "keySlot", B64.encodeToString(new byte[4097]))), 400, "bad_request");
        assertError(api.post("v1/sessions", null, Map.of("username", "alice", "loginSecret", alice.secret(), "deviceKind", "Bad Kind")), 400,
                "bad_request");
    }
}
