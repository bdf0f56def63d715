package org.chatvault.server.config;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.chatvault.server.abuse.AbuseLimits;
import org.chatvault.server.abuse.Rate;
import org.chatvault.server.abuse.RateLimit;

/**
 * Reads the abuse limits: {@code limits.<action>.per-address} and {@code .per-account} for each
 * {@link RateLimit} ({@code login}, {@code register}, {@code key-slot-read}, {@code approval}) as
 * {@code N/period} or {@code off}; {@code limits.trusted-proxies} (comma-separated IP literals);
 * {@code limits.login-hash.workers}, {@code .queue} and {@code .per-address}; and
 * {@code fetch.max-answer-bytes}.
 */
final class AbuseConfigLoader {
    static final String TRUSTED_PROXIES = "limits.trusted-proxies";
    static final String HASH_WORKERS = "limits.login-hash.workers";
    static final String HASH_QUEUE = "limits.login-hash.queue";
    static final String HASH_PER_ADDRESS = "limits.login-hash.per-address";
    static final String MAX_FETCH_ANSWER_BYTES = "fetch.max-answer-bytes";
    /** Below this, a restore would spend more on requests than on bytes. */
    static final long MIN_FETCH_ANSWER_BYTES = 1024L * 1024;
    static final List<String> KEYS = keys();

    private AbuseConfigLoader() {}

    static String perAddress(RateLimit l) { return "limits." + l.settingName() + ".per-address"; }

    static String perAccount(RateLimit l) { return "limits." + l.settingName() + ".per-account"; }

    private static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (RateLimit l : RateLimit.values()) {
            keys.add(perAddress(l));
            keys.add(perAccount(l));
        }
        keys.addAll(List.of(TRUSTED_PROXIES, HASH_WORKERS, HASH_QUEUE, HASH_PER_ADDRESS, MAX_FETCH_ANSWER_BYTES));
        return List.copyOf(keys);
    }

    static AbuseLimits load(ConfigSource source) {
        AbuseLimits d = AbuseLimits.defaults();
        Map<RateLimit, AbuseLimits.Rates> rates = new EnumMap<>(RateLimit.class);
        for (RateLimit l : RateLimit.values()) {
            AbuseLimits.Rates r = d.rates(l);
            rates.put(l, new AbuseLimits.Rates(source.get(perAddress(l), r.perAddress(), Rate::parse),
                    source.get(perAccount(l), r.perAccount(), Rate::parse)));
        }
        List<String> proxies = source.get(TRUSTED_PROXIES, d.trustedProxies(), AbuseConfigLoader::parseProxies);
        int workers = source.get(HASH_WORKERS, d.hashWorkers(), s -> ServerConfigLoader.parseInt(s, 1, 1_024));
        int queue = source.get(HASH_QUEUE, d.hashQueue(), s -> ServerConfigLoader.parseInt(s, 0, 100_000));
        int perAddress = source.get(HASH_PER_ADDRESS, d.hashesPerAddress(), s -> ServerConfigLoader.parseInt(s, 1, 100_000));
        long fetch = source.get(MAX_FETCH_ANSWER_BYTES, d.maxFetchAnswerBytes(), s -> {
            long v = ServerConfigLoader.parseSize(s);
            if (v < MIN_FETCH_ANSWER_BYTES || v > ServerConfig.MAX_BATCH_BYTES)
                throw new IllegalArgumentException("is out of range 1MiB-2GiB");
            return v;
        });
        return new AbuseLimits(rates, proxies, workers, queue, perAddress, fetch);
    }

    private static List<String> parseProxies(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            String t = p.strip();
            try {
                if (!t.isEmpty()) out.add(AbuseLimits.requireIpLiteral(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("holds '" + t + "', which is not an IP address (names are not looked up)");
            }
        }
        return out;
    }
}
