package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountApiTest {
    @TempDir Path dir;
    ServerFixture fx;
    Api api;

    @BeforeEach
    void start() {
        fx = new ServerFixture(dir);
        api = fx.api();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void registerReturnsAccountAndLoginIssuesTokens() {
        String secret = Api.newSecret();
        Response reg = api.register("Alice.Smith-1", secret);
        assertThat(reg.status()).isEqualTo(201);
        assertThat(reg.json().get("username").asText()).isEqualTo("Alice.Smith-1");
        assertThat(reg.json().get("accountId").asText()).isNotBlank();

        // usernames compare case-insensitively
        Response login = api.login("alice.smith-1", secret);
        assertThat(login.status()).isEqualTo(200);
        JsonNode t = login.json();
        long now = fx.clock().millis();
        assertThat(t.get("accessToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(t.get("refreshToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(t.get("accessExpiresAt").asLong()).isEqualTo(now + Duration.ofMinutes(15).toMillis());
        assertThat(t.get("refreshExpiresAt").asLong()).isEqualTo(now + Duration.ofDays(90).toMillis());

        // The vault needs the key the account was registered with (a login alone reaches no vault route).
        api.sign(t.get("accessToken").asText(), Api.signerOf("alice.smith-1", secret));
        assertThat(api.get("v1/vault/head", t.get("accessToken").asText()).status()).isEqualTo(200);
    }

    @Test
    void usernameIsTakenIgnoringCase() {
        assertThat(api.register("bob", Api.newSecret()).status()).isEqualTo(201);
        Response again = api.register("BOB", Api.newSecret());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.error()).isEqualTo("username_taken");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "has space", "semi;colon", "ünïcode", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void invalidUsernamesAreRefused(String username) {
        Response r = api.register(username, Api.newSecret());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("invalid_username");
    }

    @Test
    void loginSecretMustBe32BytesOfBase64() {
        Response r = api.register("carol", "c2hvcnQ=");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("bad_request");
        assertThat(api.register("carol", "not base64 at all!").error()).isEqualTo("bad_request");
    }

    @Test
    void unknownUserAndWrongSecretGetTheSameAnswer() {
        api.register("dave", Api.newSecret());
        Response wrong = api.login("dave", Api.newSecret());
        Response unknown = api.login("nobody", Api.newSecret());
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.json()).isEqualTo(unknown.json());
        assertThat(wrong.error()).isEqualTo("invalid_credentials");
    }

    @Test
    void repeatedFailedLoginsBlockTheNameForAWhileEvenWithTheRightSecret() {
        String secret = Api.newSecret();
        api.register("ivan", secret);
        for (int i = 1; i < 10; i++) assertThat(api.login("ivan", Api.newSecret()).error()).as("failure %d", i).isEqualTo("invalid_credentials");
        Response tenth = api.login("IVAN", Api.newSecret());
        assertThat(tenth.status()).isEqualTo(429);
        assertThat(tenth.error()).isEqualTo("too_many_attempts");
        assertThat(tenth.header("Retry-After")).isEqualTo("900");

        fx.clock().advance(Duration.ofMinutes(5));
        Response right = api.login("ivan", secret);
        assertThat(right.status()).isEqualTo(429);
        assertThat(right.header("Retry-After")).isEqualTo("600");
        assertThat(right.json().get("message").asText()).contains("10 minutes");

        fx.clock().advance(Duration.ofMinutes(10));
        assertThat(api.login("ivan", secret).status()).isEqualTo(200);
        // a success forgets the failures: nine more do not block
        for (int i = 1; i < 10; i++) api.login("ivan", Api.newSecret());
        assertThat(api.login("ivan", secret).status()).isEqualTo(200);
    }

    @Test
    void unknownNamesAreThrottledLikeKnownOnes() {
        Response last = null;
        for (int i = 0; i < 10; i++) last = api.login("nobody-here", Api.newSecret());
        assertThat(last.error()).isEqualTo("too_many_attempts");
        // other names are not affected
        String secret = Api.newSecret();
        api.register("judy", secret);
        assertThat(api.login("judy", secret).status()).isEqualTo(200);
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        Session s = api.newSession("erin");
        Response r1 = api.post("v1/sessions/refresh", null, Map.of("refreshToken", s.refresh()));
        assertThat(r1.status()).isEqualTo(200);
        String newAccess = r1.json().get("accessToken").asText();
        String newRefresh = r1.json().get("refreshToken").asText();
        assertThat(newRefresh).isNotEqualTo(s.refresh());
        assertThat(api.get("v1/vault/head", newAccess).status()).isEqualTo(200);

        Response reused = api.post("v1/sessions/refresh", null, Map.of("refreshToken", s.refresh()));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.error()).isEqualTo("unauthorized");
        // Issue 10: a reused refresh token means a stolen copy, so the device's sessions end, the new pair's too
        // (SessionApiTest covers it in full). Before, the new refresh token went on working here.
        assertThat(api.post("v1/sessions/refresh", null, Map.of("refreshToken", newRefresh)).status()).isEqualTo(401);
    }

    @Test
    void accessTokenIsNotARefreshTokenNorTheReverse() {
        Session s = api.newSession("frank");
        assertThat(api.post("v1/sessions/refresh", null, Map.of("refreshToken", s.access())).error()).isEqualTo("unauthorized");
        assertThat(api.get("v1/vault/head", s.refresh()).error()).isEqualTo("unauthorized");
    }

    @Test
    void logoutEndsTheSession() {
        Session s = api.newSession("grace");
        Session other = api.signedLogin(s);
        Response out = api.delete("v1/sessions/current", s.access());
        assertThat(out.status()).isEqualTo(204);
        assertThat(api.get("v1/vault/head", s.access()).error()).isEqualTo("unauthorized");
        assertThat(api.post("v1/sessions/refresh", null, Map.of("refreshToken", s.refresh())).error()).isEqualTo("unauthorized");
        // other sessions of the same account go on
        assertThat(api.get("v1/vault/head", other.access()).status()).isEqualTo(200);
    }

    @Test
    void expiredTokensAreToldApart() {
        Session s = api.newSession("heidi");
        fx.clock().advance(Duration.ofHours(1));
        Response expired = api.get("v1/vault/head", s.access());
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error()).isEqualTo("token_expired");

        Response refreshed = api.post("v1/sessions/refresh", null, Map.of("refreshToken", s.refresh()));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(api.get("v1/vault/head", refreshed.json().get("accessToken").asText()).status()).isEqualTo(200);

        fx.clock().advance(Duration.ofDays(91));
        Response lateRefresh = api.post("v1/sessions/refresh", null, Map.of("refreshToken", refreshed.json().get("refreshToken").asText()));
        assertThat(lateRefresh.status()).isEqualTo(401);
        assertThat(lateRefresh.error()).isEqualTo("token_expired");
    }

    @Test
    void missingOrForeignTokenIsUnauthorized() {
        assertThat(api.get("v1/vault/head", null).error()).isEqualTo("unauthorized");
        assertThat(api.get("v1/vault/head", "A".repeat(43)).error()).isEqualTo("unauthorized");
        assertThat(api.get("v1/vault/head", "garbage").error()).isEqualTo("unauthorized");
        assertThat(api.send("GET", "v1/usage", null, null, null).status()).isEqualTo(401);
    }

    @Test
    void malformedJsonIsRefused() {
        Response r = api.send("POST", "v1/accounts", null, "application/json", "{\"username\":".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).isEqualTo("malformed_json");
        Response empty = api.send("POST", "v1/sessions", null, "application/json", new byte[0]);
        assertThat(empty.error()).isEqualTo("malformed_json");
        Response wrongType = api.send("POST", "v1/sessions/refresh", null, "application/json", "{\"refreshToken\":[1]}".getBytes());
        assertThat(wrongType.status()).isEqualTo(400);
    }
}
