package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.chatvault.server.http.ObjectApiTest.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.SingleUserApiTest;
import org.junit.jupiter.api.Test;

/** Sessions: refresh rotation and reuse, the absolute lifetime, ending other sessions, and the password change. */
class SessionApiTest extends SingleUserApiTest {

    private JsonNode refresh(String refreshToken) {
        Response r = api.post("v1/sessions/refresh", null, Map.of("refreshToken", refreshToken));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    @Test
    void reusingARotatedRefreshTokenEndsEverySessionOfThatDevice() {
        JsonNode login = api.login("alice", alice.secret()).json();
        String deviceId = login.get("deviceId").asText();
        JsonNode second = api.post("v1/sessions", null, Map.of("username", "alice", "loginSecret", alice.secret(),
                "deviceId", deviceId, "deviceCredential", login.get("deviceCredential").asText())).json();
        JsonNode rotated = refresh(login.get("refreshToken").asText());
        assertThat(rotated.get("deviceId").asText()).isEqualTo(deviceId);
        assertThat(api.get("v1/usage", rotated.get("accessToken").asText()).status()).isEqualTo(200);

        // the stolen copy of the first refresh token is played back
        assertError(api.post("v1/sessions/refresh", null, Map.of("refreshToken", login.get("refreshToken").asText())), 401, "unauthorized");
        assertError(api.get("v1/usage", rotated.get("accessToken").asText()), 401, "unauthorized");
        assertError(api.post("v1/sessions/refresh", null, Map.of("refreshToken", rotated.get("refreshToken").asText())), 401, "unauthorized");
        assertError(api.get("v1/usage", second.get("accessToken").asText()), 401, "unauthorized"); // same device, other session
        assertThat(api.get("v1/usage", alice.access()).status()).isEqualTo(200);                 // another device goes on
        JsonNode events = api.get("v1/audit", alice.access()).json().get("events");
        assertThat(events.get(0).get("event").asText()).isEqualTo("refresh_token_reused");
        assertThat(events.get(0).get("deviceId").asText()).isEqualTo(deviceId);
        assertThat(events.get(0).get("detail").asText()).isEqualTo("2 session(s) ended");
    }

    @Test
    void refreshCannotExtendASessionPastItsAbsoluteLifetime() {
        JsonNode login = api.login("alice", alice.secret()).json();
        long end = fx.clock().millis() + Duration.ofDays(90).toMillis();
        assertThat(login.get("refreshExpiresAt").asLong()).isEqualTo(end);
        String refreshToken = login.get("refreshToken").asText();
        for (int week = 0; week < 12; week++) { // 84 days of a device refreshing weekly
            fx.clock().advance(Duration.ofDays(7));
            JsonNode t = refresh(refreshToken);
            assertThat(t.get("refreshExpiresAt").asLong()).isEqualTo(end);
            assertThat(t.get("accessExpiresAt").asLong()).isEqualTo(fx.clock().millis() + Duration.ofMinutes(15).toMillis());
            refreshToken = t.get("refreshToken").asText();
        }
        fx.clock().advance(Duration.ofDays(6).minusMinutes(5)); // 5 minutes before the end
        long now = fx.clock().millis();
        assertThat(end - now).isEqualTo(Duration.ofMinutes(5).toMillis());
        JsonNode last = refresh(refreshToken);
        assertThat(last.get("accessExpiresAt").asLong()).isEqualTo(end); // no access token outlives the session
        fx.clock().advance(Duration.ofMinutes(5));
        assertError(api.get("v1/usage", last.get("accessToken").asText()), 401, "token_expired");
        assertError(api.post("v1/sessions/refresh", null, Map.of("refreshToken", last.get("refreshToken").asText())), 401, "token_expired");
    }

    @Test
    void revokeAllEndsEveryOtherSessionOfTheAccountOnly() {
        String laptop = api.login("alice", alice.secret()).json().get("accessToken").asText();
        String tablet = api.login("alice", alice.secret()).json().get("accessToken").asText();
        Api.Session bob = api.newSession("bob");
        assertThat(api.post("v1/sessions/revoke-all", alice.access(), null).status()).isEqualTo(204);
        assertError(api.get("v1/usage", laptop), 401, "unauthorized");
        assertError(api.get("v1/usage", tablet), 401, "unauthorized");
        assertThat(api.get("v1/usage", alice.access()).status()).isEqualTo(200);
        assertThat(api.get("v1/usage", bob.access()).status()).isEqualTo(200);
        assertError(api.post("v1/sessions/revoke-all", null, null), 401, "unauthorized");
        JsonNode events = api.get("v1/audit", alice.access()).json().get("events");
        assertThat(events.get(0).get("event").asText()).isEqualTo("sessions_revoked");
        assertThat(events.get(0).get("detail").asText()).isEqualTo("2 other session(s) ended");
    }

    @Test
    void aPasswordChangeNeedsTheCurrentSecretAndEndsOtherSessions() {
        String other = api.login("alice", alice.secret()).json().get("accessToken").asText();
        String next = Api.newSecret();
        assertError(api.post("v1/account/password", alice.access(), Map.of("currentLoginSecret", Api.newSecret(), "newLoginSecret", next)),
                401, "invalid_credentials");
        assertThat(api.get("v1/usage", other).status()).as("a refused change ends nothing").isEqualTo(200);
        assertError(api.post("v1/account/password", alice.access(), Map.of("currentLoginSecret", alice.secret(), "newLoginSecret", "short")),
                400, "bad_request");
        assertThat(api.post("v1/account/password", alice.access(), Map.of("currentLoginSecret", alice.secret(), "newLoginSecret", next))
                .status()).isEqualTo(204);
        assertError(api.get("v1/usage", other), 401, "unauthorized");
        assertThat(api.get("v1/usage", alice.access()).status()).isEqualTo(200);
        assertError(api.login("alice", alice.secret()), 401, "invalid_credentials");
        assertThat(api.login("alice", next).status()).isEqualTo(200);
        assertError(api.post("v1/account/password", null, Map.of("currentLoginSecret", next, "newLoginSecret", next)), 401, "unauthorized");
    }
}
