package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.Rate;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.config.ServerConfig;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.Api.Response;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online guessing against the login: the attempt is counted before its hash, so guesses sent in
 * parallel gain nothing; malformed names cost no hash; the Argon2id queue is bounded.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoginAbuseApiTest {
    /** LoginThrottlePolicy.DEFAULT. */
    private static final int MAX_FAILURES = 10;

    @TempDir Path dir;
    private ServerFixture fx;
    private Api api;

    private void start(UnaryOperator<ServerConfig> adjust) {
        fx = new ServerFixture(dir, adjust);
        api = fx.api();
    }

    @AfterEach
    void stop() {
        if (fx != null) fx.close();
    }

    @Test
    void parallelGuessesOnALockedNameAreAllRefusedTheRightOneToo() throws Exception {
        start(c -> c);
        String secret = Api.newSecret();
        api.register("victim", secret);
        for (int i = 0; i < MAX_FAILURES; i++) api.login("victim", Api.newSecret());
        assertThat(api.login("victim", secret).status()).as("locked").isEqualTo(429);

        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) guesses.add(() -> api.login("victim", Api.newSecret()));
        guesses.add(20, () -> api.login("victim", secret));
        List<Response> answers = allAtOnce(guesses);
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.error()).isEqualTo("too_many_attempts");
            assertThat(r.header("Retry-After")).isNotNull();
        });
        assertThat(answers.get(20).status()).as("the right secret, sent among the guesses").isEqualTo(429);
    }

    @Test
    void aBurstOfWrongGuessesComputesAtMostMaxFailuresHashes() throws Exception {
        // Room in the queue for every guess and no per-account rate: only the failed-login count stands in the way.
        AbuseLimits roomy = AbuseLimits.forTesting().withHashQueue(2, 100, 100);
        start(c -> c.withAbuse(roomy.withRates(RateLimit.LOGIN, new AbuseLimits.Rates(Rate.UNLIMITED, Rate.UNLIMITED))));
        String secret = Api.newSecret();
        api.register("target", secret);
        long before = hashesComputed();

        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 40; i++) guesses.add(() -> api.login("target", Api.newSecret()));
        List<Response> answers = allAtOnce(guesses);

        long hashed = hashesComputed() - before;
        assertThat(hashed).as("hashes computed for 40 parallel guesses").isLessThanOrEqualTo(MAX_FAILURES);
        assertThat(answers).filteredOn(r -> r.status() == 401).hasSizeLessThan(MAX_FAILURES);
        assertThat(answers).filteredOn(r -> r.status() == 429).hasSizeGreaterThanOrEqualTo(40 - MAX_FAILURES + 1);
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(401, 429));
        // The name is blocked now: the owner's right secret too, without another hash.
        assertThat(api.login("target", secret).status()).isEqualTo(429);
        assertThat(hashesComputed() - before).isEqualTo(hashed);
        fx.clock().advance(Duration.ofMinutes(16));
        assertThat(api.login("target", secret).status()).isEqualTo(200);
    }

    @Test
    void malformedUsernamesAreRefusedBeforeAnyHashOrLookup() {
        start(c -> c);
        long before = hashesComputed();
        for (String name : List.of("ab", "has space", "semi;colon", "ünïcode", "x".repeat(65), "../etc")) {
            Response r = api.login(name, Api.newSecret());
            assertThat(r.status()).as(name).isEqualTo(400);
            assertThat(r.error()).isEqualTo("invalid_username");
        }
        Response noName = api.post("v1/sessions", null, java.util.Map.of("loginSecret", Api.newSecret()));
        assertThat(noName.error()).isEqualTo("invalid_username");
        assertThat(hashesComputed()).as("no hash spent on a malformed name").isEqualTo(before);
    }

    @Test
    void aFullHashQueueAnswers503ServerBusyWithRetryAfter() throws Exception {
        // One worker, no waiting place: of a burst, whatever finds the worker busy is refused at once.
        start(c -> c.withLoginHashParams(new Argon2Params(8 * 1024, 3, 1)).withAbuse(AbuseLimits.forTesting().withHashQueue(1, 0, 1)));
        List<Callable<Response>> burst = new ArrayList<>();
        for (int i = 0; i < 12; i++) burst.add(() -> api.login("nobody-" + Thread.currentThread().threadId(), Api.newSecret()));
        List<Response> answers = allAtOnce(burst);
        List<Response> busy = answers.stream().filter(r -> r.status() == 503).toList();
        assertThat(busy).as("refused while the one worker hashed").isNotEmpty();
        assertThat(busy).allSatisfy(r -> {
            assertThat(r.error()).isEqualTo("server_busy");
            assertThat(r.header("Retry-After")).isEqualTo("1");
            assertThat(r.json().path("message").asText()).contains("busy");
        });
        assertThat(answers).allSatisfy(r -> assertThat(r.status()).isIn(401, 503));
        assertThat(metric("chatvault_login_hash_refused_total")).isEqualTo(busy.size());
        // Once the burst is over the queue is empty again.
        String secret = Api.newSecret();
        assertThat(api.register("after-burst", secret).status()).isEqualTo(201);
        assertThat(api.login("after-burst", secret).status()).isEqualTo(200);
    }

    private long hashesComputed() {
        return metric("chatvault_login_hashes_total");
    }

    private long metric(String name) {
        String text = api.get("metrics", null).text();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+]+)$").matcher(text);
        assertThat(m.find()).as(name + " in /metrics").isTrue();
        return (long) Double.parseDouble(m.group(2));
    }

    /** Sends every request at the same moment (each on its own thread) and returns the answers in order. */
    static List<Response> allAtOnce(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> r : requests) futures.add(pool.submit(() -> {
                go.await();
                return r.call();
            }));
            go.countDown();
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) out.add(f.get(60, TimeUnit.SECONDS));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
