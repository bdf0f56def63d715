package org.chatvault.server.abuse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much one client may ask of the server: rates per action, the bound on the Argon2id work
 * queue, and the size of one fetch answer. Defaults in {@link #defaults()}; settings in
 * docs/DEPLOY.md and {@code ServerConfigLoader}.
 *
 * @param rates               per action, its rate per client address and per account (or username)
 * @param trustedProxies      addresses (IP literals) of reverse proxies whose {@code X-Forwarded-For}
 *                            names the client; empty: the connection's own address is the client's
 * @param hashWorkers         Argon2id hashes computed at once (each takes the login hash memory)
 * @param hashQueue           hashes that may wait for a worker; beyond, {@code 503 server_busy}
 * @param hashesPerAddress    hashes one client address may have running or waiting at once, so one
 *                            address cannot take the whole queue from everybody else
 * @param maxFetchAnswerBytes bytes of one fetch answer; the objects past it are left for the next request
 */
public record AbuseLimits(Map<RateLimit, Rates> rates, List<String> trustedProxies, int hashWorkers, int hashQueue,
                          int hashesPerAddress, long maxFetchAnswerBytes) {

    /** The two rates of one action. */
    public record Rates(Rate perAddress, Rate perAccount) {
        public Rates {
            Objects.requireNonNull(perAddress, "perAddress");
            Objects.requireNonNull(perAccount, "perAccount");
        }
    }

    public static final long DEFAULT_MAX_FETCH_ANSWER_BYTES = 64L * 1024 * 1024;

    public AbuseLimits {
        Objects.requireNonNull(rates, "rates");
        rates = Map.copyOf(rates);
        for (RateLimit l : RateLimit.values())
            if (!rates.containsKey(l)) throw new IllegalArgumentException("no rates for " + l.settingName());
        trustedProxies = List.copyOf(trustedProxies);
        for (String p : trustedProxies) requireIpLiteral(p);
        if (hashWorkers < 1) throw new IllegalArgumentException("hashWorkers must be at least 1");
        if (hashQueue < 0) throw new IllegalArgumentException("hashQueue must not be negative");
        if (hashesPerAddress < 1) throw new IllegalArgumentException("hashesPerAddress must be at least 1");
        if (maxFetchAnswerBytes < 1) throw new IllegalArgumentException("maxFetchAnswerBytes must be positive");
    }

    /**
     * Production defaults. Logins: 60 a minute per address, 30 a minute per username (on top of
     * the failed-login block, {@code LoginThrottlePolicy}); registrations: 20 an hour per address,
     * 5 per name; key-slot reads: 120 a minute per address, 60 per account; approvals: 30 a minute
     * per address, 10 per account. One Argon2id worker per core (at least 2), four waiting per
     * worker, half the workers per address; 64 MiB fetch answers.
     */
    public static AbuseLimits defaults() {
        Map<RateLimit, Rates> rates = new EnumMap<>(RateLimit.class);
        rates.put(RateLimit.LOGIN, new Rates(Rate.of(60, Duration.ofMinutes(1)), Rate.of(30, Duration.ofMinutes(1))));
        rates.put(RateLimit.REGISTER, new Rates(Rate.of(20, Duration.ofHours(1)), Rate.of(5, Duration.ofHours(1))));
        rates.put(RateLimit.KEY_SLOT_READ, new Rates(Rate.of(120, Duration.ofMinutes(1)), Rate.of(60, Duration.ofMinutes(1))));
        rates.put(RateLimit.APPROVAL, new Rates(Rate.of(30, Duration.ofMinutes(1)), Rate.of(10, Duration.ofMinutes(1))));
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        return new AbuseLimits(rates, List.of(), workers, 4 * workers, Math.max(1, workers / 2), DEFAULT_MAX_FETCH_ANSWER_BYTES);
    }

    /**
     * For tests and demos, where every client comes from the one loopback address: the defaults
     * without the per-address limits (rates and the per-address share of the hash queue).
     */
    public static AbuseLimits forTesting() {
        AbuseLimits d = defaults();
        Map<RateLimit, Rates> rates = new EnumMap<>(RateLimit.class);
        d.rates().forEach((limit, r) -> rates.put(limit, new Rates(Rate.UNLIMITED, r.perAccount())));
        return new AbuseLimits(rates, d.trustedProxies(), d.hashWorkers(), d.hashQueue(), d.hashWorkers() + d.hashQueue(),
                d.maxFetchAnswerBytes());
    }

    public Rates rates(RateLimit limit) { return rates.get(limit); }

    /** The Argon2id work queue these limits describe. */
    public BoundedWorkQueue newHashQueue() { return new BoundedWorkQueue(hashWorkers, hashQueue, hashesPerAddress); }

    public AbuseLimits withRates(RateLimit limit, Rates r) {
        Map<RateLimit, Rates> m = new EnumMap<>(rates);
        m.put(limit, r);
        return new AbuseLimits(m, trustedProxies, hashWorkers, hashQueue, hashesPerAddress, maxFetchAnswerBytes);
    }

    public AbuseLimits withTrustedProxies(List<String> v) { return new AbuseLimits(rates, v, hashWorkers, hashQueue, hashesPerAddress, maxFetchAnswerBytes); }

    /** The work queue: {@code workers} at once, {@code waiting} more queued, {@code perAddress} of them from one address. */
    public AbuseLimits withHashQueue(int workers, int waiting, int perAddress) {
        return new AbuseLimits(rates, trustedProxies, workers, waiting, perAddress, maxFetchAnswerBytes);
    }

    public AbuseLimits withMaxFetchAnswerBytes(long v) { return new AbuseLimits(rates, trustedProxies, hashWorkers, hashQueue, hashesPerAddress, v); }

    /** @throws IllegalArgumentException unless {@code s} is an IPv4 or IPv6 literal (never looked up in DNS) */
    public static String requireIpLiteral(String s) {
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !s.matches("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) throw new IllegalArgumentException("'" + s + "' is not an IP address");
        try {
            InetAddress.getByName(s); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + s + "' is not an IP address");
        }
        return s;
    }
}
