package org.chatvault.server.abuse;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/**
 * The rate limits of {@link AbuseLimits}: one token bucket (Bucket4j) per action, scope and key,
 * kept by a {@link BucketStore} (shared through PostgreSQL when the server runs as several
 * instances). Each check takes one token from the client address's bucket and one from the
 * account's (or username's); either empty refuses with {@code 429 too_many_attempts} and the
 * time until a token is back.
 *
 * <pre>{@code
 * rateLimits.check(RateLimit.APPROVAL, clientAddress, principal.accountId());
 * }</pre>
 */
public final class RateLimits {
    private final AbuseLimits limits;
    private final BucketStore buckets;

    public RateLimits(AbuseLimits limits, BucketStore buckets) {
        this.limits = limits;
        this.buckets = buckets;
    }

    public AbuseLimits limits() { return limits; }

    public BucketStore buckets() { return buckets; }

    /**
     * Counts one {@code limit} action by {@code clientAddress} on {@code accountKey}.
     *
     * @param clientAddress the client's address key (see the HTTP layer's client address), or null to skip that limit
     * @param accountKey    the account id, or the lower-cased username before login; null to skip that limit
     *                      (a login proven to come from a known device is not limited by other people's attempts on the account)
     * @throws AbuseException.RateLimited if either bucket is empty
     */
    public void check(RateLimit limit, String clientAddress, String accountKey) {
        AbuseLimits.Rates rates = limits.rates(limit);
        if (clientAddress != null) take(limit, "address", rates.perAddress(), clientAddress);
        if (accountKey != null) take(limit, "account", rates.perAccount(), accountKey);
    }

    private void take(RateLimit limit, String scope, Rate rate, String who) {
        if (rate.unlimited()) return;
        // The rate is part of the key: after the operator changes it, buckets start over under the new rate.
        String key = limit.settingName() + ":" + scope + ":" + rate + ":" + who;
        ConsumptionProbe probe = buckets.tryConsume(key, configuration(rate));
        if (!probe.isConsumed()) throw new AbuseException.RateLimited(limit, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    static BucketConfiguration configuration(Rate rate) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(rate.capacity()).refillGreedy(rate.capacity(), rate.period()))
                .build();
    }
}
