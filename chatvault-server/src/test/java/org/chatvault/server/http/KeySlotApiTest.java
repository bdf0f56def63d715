package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chatvault.server.account.KeySlotRecord;
import org.chatvault.server.store.sql.SqlStores;
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

    /** The slots the server retired, read from its database beside it (the API never shows them). */
    private List<KeySlotRecord> retiredSlots() {
        try (SqlStores stores = SqlStores.sqlite(dir.resolve("metadata.db"))) {
            String accountId = Api.signerOf(alice).accountId();
            return stores.accounts().listRetiredKeySlots(accountId);
        }
    }

    @Test
    void theOnlyRecoverySlotCannotBeDeletedOnlyReplaced() {
        String b1 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertThat(put("recovery", "recovery", b1).status()).isEqualTo(204);
        Api.Response refused = api.delete("v1/keyslots/recovery", alice.access());
        assertError(refused, 409, "last_recovery_slot");
        assertThat(refused.json().get("message").asText()).contains("only recovery slot").contains("PUT");
        assertError(put("recovery", "device", b1), 409, "last_recovery_slot");
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots").get(0).get("blob").asText()).isEqualTo(b1);
        // With a second recovery slot the first may go.
        assertThat(put("recovery-2", "recovery", b1).status()).isEqualTo(204);
        assertThat(api.delete("v1/keyslots/recovery", alice.access()).status()).isEqualTo(204);
        assertError(api.delete("v1/keyslots/recovery-2", alice.access()), 409, "last_recovery_slot");
    }

    @Test
    void aReplacedSlotStaysInTheStoreUntilTheSafetyDelayHasPassedThenASweepRemovesIt() {
        String old = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        String rotated = Base64.getEncoder().encodeToString(new byte[] {4, 5, 6});
        assertThat(put("recovery", "recovery", old).status()).isEqualTo(204);
        assertThat(put("recovery", "recovery", rotated).status()).isEqualTo(204);
        JsonNode slots = api.get("v1/keyslots", alice.access()).json().get("slots");
        assertThat(slots).hasSize(1);
        assertThat(slots.get(0).get("blob").asText()).isEqualTo(rotated);
        assertThat(retiredSlots()).singleElement().satisfies(s -> assertThat(s.blob()).isEqualTo(new byte[] {1, 2, 3}));

        Duration delay = fx.config().dropSafetyDelay();
        fx.clock().advance(delay.minusMinutes(1));
        assertThat(fx.server().sweepDroppedObjectsNow().keySlotsPurged()).isZero();
        assertThat(retiredSlots()).hasSize(1);

        fx.clock().advance(Duration.ofMinutes(2));
        assertThat(fx.server().sweepDroppedObjectsNow().keySlotsPurged()).isEqualTo(1);
        assertThat(retiredSlots()).isEmpty();
        alice = api.signedLogin(alice); // the access token expired while the clock moved
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots").get(0).get("blob").asText()).isEqualTo(rotated);
    }

    @Test
    void aDeletedDeviceSlotLeavesTheListAtOnceButNotTheStore() {
        String blob = Base64.getEncoder().encodeToString(new byte[] {7, 7, 7});
        assertThat(put("device-1", "device", blob).status()).isEqualTo(204);
        assertThat(api.delete("v1/keyslots/device-1", alice.access()).status()).isEqualTo(204);
        assertThat(api.get("v1/keyslots", alice.access()).json().get("slots")).isEmpty();
        assertThat(retiredSlots()).extracting(KeySlotRecord::slotId).containsExactly("device-1");
    }
}
