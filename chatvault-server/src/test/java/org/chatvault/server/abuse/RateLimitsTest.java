package org.chatvault.server.abuse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override public Instant instant() { return now.get(); }
        @Override public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    };

    @Test
    void addressAndAccountBucketsAreSeparateAndRefillWithTheClock() {
        AbuseLimits limits = AbuseLimits.defaults().withRates(RateLimit.APPROVAL,
                new AbuseLimits.Rates(Rate.of(3, Duration.ofMinutes(1)), Rate.of(2, Duration.ofMinutes(1))));
        LocalBucketStore buckets = new LocalBucketStore(clock);
        RateLimits r = new RateLimits(limits, buckets);
        r.check(RateLimit.APPROVAL, "10.0.0.1", "acct-1");
        r.check(RateLimit.APPROVAL, "10.0.0.1", "acct-1");
        assertThatThrownBy(() -> r.check(RateLimit.APPROVAL, "10.0.0.2", "acct-1")).isInstanceOf(AbuseException.RateLimited.class)
                .satisfies(e -> assertThat(((AbuseException) e).retryAfterSeconds()).isEqualTo(30));
        r.check(RateLimit.APPROVAL, "10.0.0.1", "acct-2"); // the address's third
        assertThatThrownBy(() -> r.check(RateLimit.APPROVAL, "10.0.0.1", "acct-3")).isInstanceOf(AbuseException.RateLimited.class)
                .hasMessageContaining("device approval");
        r.check(RateLimit.APPROVAL, null, "acct-3"); // the address limit skipped
        r.check(RateLimit.LOGIN, "10.0.0.1", "acct-1"); // another action, other buckets
        now.set(now.get().plus(Duration.ofSeconds(30)));
        r.check(RateLimit.APPROVAL, "10.0.0.2", "acct-1");
        now.set(now.get().plus(Duration.ofMinutes(5)));
        int held = buckets.size();
        assertThat(held).as("address and account buckets of two actions").isEqualTo(7);
        assertThat(buckets.forgetIdle()).as("every bucket is full again").isEqualTo(held);
        assertThat(buckets.size()).isZero();
    }

    @Test
    void localBucketsStayBoundedUnderManyKeys() {
        LocalBucketStore buckets = new LocalBucketStore(clock, 100);
        RateLimits r = new RateLimits(AbuseLimits.defaults(), buckets);
        for (int i = 0; i < 1_000; i++) r.check(RateLimit.LOGIN, "10.0." + i / 250 + "." + i % 250, null);
        assertThat(buckets.size()).isLessThanOrEqualTo(100);
        // The latest keys are still counted: an address's bucket is not emptied by others' churn.
        for (int i = 0; i < 60; i++) r.check(RateLimit.LOGIN, "192.0.2.1", null); // the default: 60 a minute
        assertThatThrownBy(() -> r.check(RateLimit.LOGIN, "192.0.2.1", null)).isInstanceOf(AbuseException.RateLimited.class);
    }

    @Test
    void unlimitedRatesTakeNoBucket() {
        LocalBucketStore buckets = new LocalBucketStore(clock);
        RateLimits r = new RateLimits(AbuseLimits.forTesting().withRates(RateLimit.LOGIN, new AbuseLimits.Rates(Rate.UNLIMITED, Rate.UNLIMITED)), buckets);
        for (int i = 0; i < 1_000; i++) r.check(RateLimit.LOGIN, "10.0.0.1", "acct");
        assertThat(buckets.size()).isZero();
    }

    @Test
    void ratesParseAndPrint() {
        assertThat(Rate.parse("30/1m")).isEqualTo(Rate.of(30, Duration.ofMinutes(1)));
        assertThat(Rate.parse(" 10 / h ")).isEqualTo(Rate.of(10, Duration.ofHours(1)));
        assertThat(Rate.parse("5/15m")).isEqualTo(Rate.of(5, Duration.ofMinutes(15)));
        assertThat(Rate.parse("OFF").unlimited()).isTrue();
        for (String bad : new String[] {"", "30", "0/1m", "30/0m", "x/1m", "30/1y", "-1/1m"})
            assertThatThrownBy(() -> Rate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
}
