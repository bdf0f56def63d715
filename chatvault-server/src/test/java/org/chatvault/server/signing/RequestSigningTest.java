package org.chatvault.server.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.chatvault.core.crypto.VaultSigningKey;
import org.chatvault.protocol.signing.RequestSignature;
import org.chatvault.server.testing.Api.Signer;
import org.chatvault.server.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules of {@link RequestSigning} without HTTP: the window's edges, the key, replays, forgetting. */
class RequestSigningTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private final MutableClock clock = MutableClock.startingAt("2024-01-15T10:00:00Z");
    private final VaultSigningKey key = Signer.newKey();
    private final Signer signer = new Signer("acc-1", key);
    /** An in-memory store with the contract's behaviour, to see what the service remembers. */
    private final Map<String, Instant> remembered = new HashMap<>();
    private final SignatureStore store = new SignatureStore() {
        @Override public boolean remember(String accountId, byte[] hash, Instant forgetAfter) {
            return remembered.putIfAbsent(accountId + Base64.getEncoder().encodeToString(hash), forgetAfter) == null;
        }

        @Override public int forgetBefore(Instant now) {
            int before = remembered.size();
            remembered.values().removeIf(t -> t.isBefore(now));
            return before - remembered.size();
        }
    };
    private final RequestSigning signing = new RequestSigning(
            id -> id.equals("acc-1") ? Optional.of(key.publicKey()) : Optional.empty(), store, clock, WINDOW);

    @AfterEach
    void close() {
        key.close();
    }

    private void check(long ts, String method, String path, byte[] body, boolean changes) {
        Map<String, String> h = signer.headers(method, path, ts, body);
        RequestSigning.Claim c = signing.claim("acc-1", h.get(RequestSignature.TIMESTAMP_HEADER), h.get(RequestSignature.SIGNATURE_HEADER));
        signing.verify(c, method, path, RequestSignature.bodyHash(body), changes);
    }

    @Test
    void theWindowIncludesItsEdgesAndNothingBeyond() {
        long now = clock.millis();
        check(now - WINDOW.toMillis(), "GET", "/v1/vault/head", new byte[0], false);
        check(now + WINDOW.toMillis(), "GET", "/v1/vault/head", new byte[0], false);
        assertThatThrownBy(() -> check(now - WINDOW.toMillis() - 1, "GET", "/v1/vault/head", new byte[0], false))
                .isInstanceOf(SigningException.SignatureStale.class).hasMessageContaining("2024-01-15T10:00:00Z");
        assertThatThrownBy(() -> check(now + WINDOW.toMillis() + 1, "GET", "/v1/vault/head", new byte[0], false))
                .isInstanceOf(SigningException.SignatureStale.class);
    }

    @Test
    void onlyChangingRequestsAreRememberedUntilTheirWindowEnds() {
        long now = clock.millis();
        byte[] body = "{}".getBytes();
        check(now, "GET", "/v1/vault/head", new byte[0], false);
        check(now, "GET", "/v1/vault/head", new byte[0], false);
        assertThat(remembered).isEmpty();
        check(now, "POST", "/v1/vault/commit", body, true);
        assertThatThrownBy(() -> check(now, "POST", "/v1/vault/commit", body, true)).isInstanceOf(SigningException.SignatureReplayed.class);
        assertThat(remembered.values()).containsExactly(Instant.ofEpochMilli(now).plus(WINDOW));
        clock.advance(WINDOW);
        assertThat(signing.forgetExpired()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(signing.forgetExpired()).isEqualTo(1);
        assertThatThrownBy(() -> check(now, "POST", "/v1/vault/commit", body, true)).isInstanceOf(SigningException.SignatureStale.class);
    }

    @Test
    void anAccountWithoutAKeyIsToldSoBeforeAnythingElse() {
        assertThatThrownBy(() -> signing.claim("acc-old", null, null)).isInstanceOf(SigningException.SigningKeyMissing.class)
                .hasMessageContaining("no vault signing key");
        assertThatThrownBy(() -> signing.claim("acc-1", null, "x")).isInstanceOf(SigningException.SignatureRequired.class);
        assertThatThrownBy(() -> signing.claim("acc-1", "12", null)).isInstanceOf(SigningException.SignatureRequired.class);
        assertThatThrownBy(() -> signing.claim("acc-1", "-12", "AA==")).isInstanceOf(SigningException.SignatureInvalid.class);
        assertThatThrownBy(() -> signing.claim("acc-1", "1".repeat(30), "AA==")).isInstanceOf(SigningException.SignatureInvalid.class);
        assertThatThrownBy(() -> signing.claim("acc-1", Long.toString(clock.millis()), "not base64!"))
                .isInstanceOf(SigningException.SignatureInvalid.class);
    }
}
