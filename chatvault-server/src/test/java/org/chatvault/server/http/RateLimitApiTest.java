package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.Rate;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.config.MetadataBackend;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.store.postgres.PostgresSettings;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.Api.Session;
import org.chatvault.server.testing.MutableClock;
import org.chatvault.server.testing.PostgresTestDatabase;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bucket4j rate limits per client address and per account, their 429 answers, and trusted proxies. */
class RateLimitApiTest {
    @TempDir Path dir;
    private ServerFixture fx;
    private Api api;

    private void start(AbuseLimits limits) {
        start(c -> c.withAbuse(limits));
    }

    private void start(UnaryOperator<ServerConfig> adjust) {
        fx = new ServerFixture(dir, adjust);
        api = fx.api();
    }

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    private static AbuseLimits with(RateLimit limit, Rate perAddress, Rate perAccount) {
        return AbuseLimits.forTesting().withRates(limit, new AbuseLimits.Rates(perAddress, perAccount));
    }

    @Test
    void loginsPerAddressAreLimitedWhateverTheName() {
        start(with(RateLimit.LOGIN, Rate.of(3, Duration.ofMinutes(1)), Rate.UNLIMITED));
        for (int i = 0; i < 3; i++) assertThat(api.login("name-" + i, Api.newSecret()).status()).isEqualTo(401);
        Response refused = api.login("name-4", Api.newSecret());
        assertRateLimited(refused, 20);
        assertThat(refused.json().path("message").asText()).contains("logins");
        fx.clock().advance(Duration.ofSeconds(20)); // one token back
        assertThat(api.login("name-5", Api.newSecret()).status()).isEqualTo(401);
        assertThat(api.login("name-6", Api.newSecret()).status()).isEqualTo(429);
    }

    @Test
    void loginsPerAccountAreLimitedAndOtherNamesGoOn() {
        start(with(RateLimit.LOGIN, Rate.UNLIMITED, Rate.of(2, Duration.ofMinutes(1))));
        String secret = Api.newSecret();
        api.register("carl", secret);
        assertThat(api.login("carl", secret).status()).isEqualTo(200);
        assertThat(api.login("CARL", secret).status()).isEqualTo(200);
        assertRateLimited(api.login("carl", secret), 30);
        String other = Api.newSecret();
        api.register("dora", other);
        assertThat(api.login("dora", other).status()).isEqualTo(200);
    }

    @Test
    void registrationsPerAddressAreLimited() {
        start(with(RateLimit.REGISTER, Rate.of(2, Duration.ofHours(1)), Rate.UNLIMITED));
        assertThat(api.register("first", Api.newSecret()).status()).isEqualTo(201);
        assertThat(api.register("second", Api.newSecret()).status()).isEqualTo(201);
        assertRateLimited(api.register("third", Api.newSecret()), 1800);
        // A malformed name is refused for what it is, before it costs a token.
        assertThat(api.register("x", Api.newSecret()).error()).isEqualTo("invalid_username");
    }

    @Test
    void keySlotReadsPerAccountAreLimited() {
        start(with(RateLimit.KEY_SLOT_READ, Rate.UNLIMITED, Rate.of(2, Duration.ofMinutes(1))));
        Session alice = api.newSession("alice");
        Session bob = api.newSession("bob");
        assertThat(api.get("v1/keyslots", alice.access()).status()).isEqualTo(200);
        assertThat(api.get("v1/keyslots", alice.access()).status()).isEqualTo(200);
        assertRateLimited(api.get("v1/keyslots", alice.access()), 30);
        assertThat(api.get("v1/keyslots", bob.access()).status()).isEqualTo(200);
        // Without a token the route answers 401 as before, and costs nobody a token.
        assertThat(api.get("v1/keyslots", null).status()).isEqualTo(401);
        fx.clock().advance(Duration.ofSeconds(30));
        assertThat(api.get("v1/keyslots", alice.access()).status()).isEqualTo(200);
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsCounted() {
        start(with(RateLimit.LOGIN, Rate.of(2, Duration.ofMinutes(1)), Rate.UNLIMITED).withTrustedProxies(List.of("127.0.0.1")));
        for (int i = 0; i < 2; i++) assertThat(loginVia("203.0.113.5").statusCode()).isEqualTo(401);
        assertThat(loginVia("203.0.113.5").statusCode()).isEqualTo(429);
        // A client cannot choose its address by writing one in front: the proxy appends the real one.
        assertThat(loginVia("198.51.100.1, 203.0.113.5").statusCode()).isEqualTo(429);
        assertThat(loginVia("203.0.113.6").statusCode()).as("another client behind the proxy").isEqualTo(401);
    }

    @Test
    void withoutTrustedProxiesForwardedForIsIgnored() {
        start(with(RateLimit.LOGIN, Rate.of(2, Duration.ofMinutes(1)), Rate.UNLIMITED));
        assertThat(loginVia("203.0.113.5").statusCode()).isEqualTo(401);
        assertThat(loginVia("203.0.113.6").statusCode()).isEqualTo(401);
        assertThat(loginVia("203.0.113.7").statusCode()).as("all three come from 127.0.0.1").isEqualTo(429);
    }

    @Test
    void instancesSharingPostgresShareTheBuckets() {
        try (PostgresTestDatabase pg = PostgresTestDatabase.connect()) {
            PostgresSettings schema = pg.newSchema();
            MutableClock clock = MutableClock.startingAt("2024-01-15T10:00:00Z");
            AbuseLimits limits = with(RateLimit.LOGIN, Rate.of(3, Duration.ofMinutes(1)), Rate.UNLIMITED);
            try (ServerFixture a = new ServerFixture(dir.resolve("a"), clock, c -> c.withMetadata(new MetadataBackend.Postgres(schema)).withAbuse(limits));
                 ServerFixture b = new ServerFixture(dir.resolve("b"), clock, c -> a.config().withDataDir(dir.resolve("b")))) {
                assertThat(a.api().login("pat", Api.newSecret()).status()).isEqualTo(401);
                assertThat(b.api().login("pat", Api.newSecret()).status()).isEqualTo(401);
                assertThat(a.api().login("quin", Api.newSecret()).status()).isEqualTo(401);
                assertRateLimited(b.api().login("ray", Api.newSecret()), 20);
                assertRateLimited(a.api().login("ray", Api.newSecret()), 20);
                clock.advance(Duration.ofSeconds(20));
                assertThat(b.api().login("ray", Api.newSecret()).status()).isEqualTo(401);
            }
        }
    }

    private static void assertRateLimited(Response r, long retryAfterSeconds) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.error()).isEqualTo("too_many_attempts");
        assertThat(r.header("Retry-After")).isEqualTo(Long.toString(retryAfterSeconds));
    }

    private HttpResponse<String> loginVia(String forwardedFor) {
        byte[] body = ("{\"username\":\"proxied\",\"loginSecret\":\"" + Api.newSecret() + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(fx.server().baseUri().resolve("v1/sessions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
