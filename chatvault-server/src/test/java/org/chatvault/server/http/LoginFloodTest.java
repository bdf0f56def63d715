package org.chatvault.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatvault.core.crypto.Argon2Params;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.Rate;
import org.chatvault.server.abuse.RateLimit;
import org.chatvault.server.testing.Api;
import org.chatvault.server.testing.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of 60 logins sent at once, malformed names and unknown users, from one address
 * (127.0.0.2) does not slow a real user's login (from 127.0.0.1), sent at the same moment, past
 * twice its usual time: the measurement of the issue that found 39 ms become 1.5 s. The login
 * hash is the production one (Argon2Params.LOGIN), the queue that of a 2-core server (2 workers,
 * 8 waiting, 1 per address); the rates are off, so the flood really reaches the hash queue and
 * the test shows the queue's bound and per-address share, not the rate limits.
 *
 * <p>Robust on a loaded machine: medians of several logins, and up to three rounds, one of which
 * must hold; every round's figures are printed.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LoginFloodTest {
    private static final int FLOOD = 60;
    private static final int SAMPLES = 5;
    private static final int ROUNDS = 3;

    @TempDir Path dir;
    private ServerFixture fx;
    private final AtomicInteger floodSent = new AtomicInteger();
    private final AtomicInteger floodBusy = new AtomicInteger();
    private final AtomicInteger floodMalformed = new AtomicInteger();

    @BeforeEach
    void start() {
        AbuseLimits limits = AbuseLimits.forTesting().withHashQueue(2, 8, 1)
                .withRates(RateLimit.LOGIN, new AbuseLimits.Rates(Rate.UNLIMITED, Rate.UNLIMITED));
        fx = new ServerFixture(dir, c -> c.withLoginHashParams(Argon2Params.LOGIN).withAbuse(limits));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aFloodOfBadLoginsDoesNotSlowARealLoginPastTwiceItsUsualTime() throws Exception {
        Api api = fx.api();
        String secret = Api.newSecret();
        assertThat(api.register("real-user", secret).status()).isEqualTo(201);
        for (int i = 0; i < 2; i++) assertThat(api.login("real-user", secret).status()).isEqualTo(200); // warm-up

        HttpClient attacker = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName("127.0.0.2")).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(FLOOD + 1);
        List<String> rounds = new ArrayList<>();
        boolean held = false;
        try {
            loginDuringFlood(api, secret, attacker, pool); // warm-up: the attacker's connections, the JIT
            for (int round = 1; round <= ROUNDS && !held; round++) {
                long[] alone = new long[SAMPLES];
                long[] during = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    alone[i] = timedLogin(api, secret);
                    during[i] = loginDuringFlood(api, secret, attacker, pool);
                }
                long a = median(alone);
                long d = median(during);
                rounds.add(String.format("round %d: alone %.1f ms, at the same moment as %d bad logins %.1f ms (flood so far: %d sent, "
                        + "%d malformed refused, %d server_busy)", round, a / 1e6, FLOOD, d / 1e6, floodSent.get(), floodMalformed.get(), floodBusy.get()));
                held = d <= 2 * a;
            }
        } finally {
            pool.shutdownNow();
        }
        rounds.forEach(System.out::println);
        assertThat(floodMalformed.get()).as("malformed names refused").isPositive();
        assertThat(floodBusy.get()).as("the bounded queue refused part of the flood").isPositive();
        assertThat(held).as("a real login during the flood took at most twice its usual time in one round of:%n%s",
                String.join("\n", rounds)).isTrue();
    }

    private static long timedLogin(Api api, String secret) {
        long t0 = System.nanoTime();
        Api.Response r = api.login("real-user", secret);
        long took = System.nanoTime() - t0;
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return took;
    }

    /** Sends {@value #FLOOD} bad logins and the real one at the same moment; returns how long the real one took. */
    private long loginDuringFlood(Api api, String secret, HttpClient attacker, ExecutorService pool) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> flood = new ArrayList<>();
        URI base = fx.server().baseUri();
        for (int i = 0; i < FLOOD; i++) {
            int n = i;
            flood.add(pool.submit(() -> {
                go.await();
                String name = n % 2 == 0 ? "bad name " + n : "ghost-" + n + "-" + floodSent.get();
                byte[] body = ("{\"username\":\"" + name + "\",\"loginSecret\":\"" + Api.newSecret() + "\"}").getBytes(StandardCharsets.UTF_8);
                HttpResponse<String> r = attacker.send(HttpRequest.newBuilder(base.resolve("v1/sessions")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                floodSent.incrementAndGet();
                if (r.statusCode() == 503) floodBusy.incrementAndGet();
                if (r.statusCode() == 400) floodMalformed.incrementAndGet();
                return null;
            }));
        }
        Future<Long> real = pool.submit(() -> {
            go.await();
            return timedLogin(api, secret);
        });
        go.countDown();
        long took = real.get(60, TimeUnit.SECONDS);
        for (Future<?> f : flood) f.get(60, TimeUnit.SECONDS);
        return took;
    }

    private static long median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
