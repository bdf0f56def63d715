package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.chatvault.core.format.SealedObject;
import org.chatvault.server.jobs.LifecycleResult;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.SingleUserApiTest;
import org.chatvault.server.testing.TestObjects;
import org.junit.jupiter.api.Test;

/** {@code DELETE /v1/account} and {@code /v1/account/settings}, and what the lifecycle run then does. */
class AccountLifecycleApiTest extends SingleUserApiTest {
    private final TestObjects vault = new TestObjects(77);

    @Test
    void settingsSayWhenAnUnusedAccountIsDeletedAndUseMovesThatDate() {
        JsonNode s = api.get("v1/account/settings", alice.access()).json();
        assertThat(s.get("inactivityMonths").asInt()).isEqualTo(12);
        assertThat(s.get("choices").toString()).isEqualTo("[1,3,6,12]");
        Instant lastActive = Instant.ofEpochMilli(s.get("lastActiveAt").asLong());
        assertThat(Instant.ofEpochMilli(s.get("deleteIfUnusedAt").asLong())).isEqualTo(lastActive.atZone(java.time.ZoneOffset.UTC).plusMonths(12).toInstant());

        Response changed = api.json("PUT", "v1/account/settings", alice.access(), Map.of("inactivityMonths", 3));
        assertThat(changed.status()).as(changed.text()).isEqualTo(200);
        assertThat(changed.json().get("inactivityMonths").asInt()).isEqualTo(3);
        assertThat(api.get("v1/audit", alice.access()).json().get("events").get(0).get("event").asText()).isEqualTo("account_settings_changed");
        Response refused = api.json("PUT", "v1/account/settings", alice.access(), Map.of("inactivityMonths", 2));
        assertError(refused, 400, "bad_request");
        assertThat(refused.json().get("message").asText()).contains("1, 3, 6, 12");

        // Activity is written at most once an hour, and moves the announced date.
        fx.clock().advance(Duration.ofMinutes(10));
        assertThat(api.get("v1/usage", alice.access()).status()).isEqualTo(200);
        assertThat(api.get("v1/account/settings", alice.access()).json().get("lastActiveAt").asLong()).isEqualTo(lastActive.toEpochMilli());
        fx.clock().advance(Duration.ofDays(20));
        Response fresh = api.login("alice", alice.secret());
        String token = fresh.json().get("accessToken").asText();
        JsonNode moved = api.get("v1/account/settings", token).json();
        assertThat(moved.get("lastActiveAt").asLong()).isEqualTo(fx.clock().millis());
        assertThat(moved.get("deleteIfUnusedAt").asLong())
                .isEqualTo(fx.clock().instant().atZone(java.time.ZoneOffset.UTC).plusMonths(3).toInstant().toEpochMilli());
    }

    @Test
    void deletingTheAccountEndsAccessAtOnceAndTheNextRunRemovesItsStorage() {
        SealedObject root = vault.root();
        List<SealedObject> held = List.of(vault.segment(), root);
        assertThat(api.upload(alice.access(), held).status()).isEqualTo(200);
        Response second = api.login("alice", alice.secret());
        String otherDevice = second.json().get("accessToken").asText();
        Session bob = api.newSession("bob");
        assertThat(api.upload(bob.access(), List.of(vault.segment(), vault.root())).status()).isEqualTo(200);

        assertError(api.unsigned("DELETE", "v1/account", alice.access(), null, null), 403, "signature_required");
        assertThat(api.delete("v1/account", alice.access()).status()).isEqualTo(204);

        assertError(api.get("v1/usage", alice.access()), 401, "unauthorized");
        assertError(api.get("v1/usage", otherDevice), 401, "unauthorized");
        assertError(api.post("v1/sessions/refresh", null, Map.of("refreshToken", alice.refresh())), 401, "unauthorized");
        Response login = api.login("alice", alice.secret());
        assertError(login, 410, "account_deleted");
        assertThat(login.json().get("message").asText()).contains("deleted by its owner");
        assertError(api.login("alice", org.chatvault.server.testing.Api.newSecret()), 401, "invalid_credentials"); // says nothing to others
        assertError(api.register("alice", alice.secret()), 409, "username_taken"); // until the storage is gone

        LifecycleResult run = fx.server().lifecycleNow();
        assertThat(run.accountsRemoved()).isEqualTo(1);
        assertThat(run.objectsRemoved()).isEqualTo(2);
        assertThat(api.register("alice", alice.secret()).status()).as("the name is free again").isEqualTo(201);
        assertThat(api.get("v1/usage", bob.access()).json().get("objects").asLong()).isEqualTo(2);
    }
}
