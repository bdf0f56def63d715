package org.chatvault.server.abuse;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buckets in this process, for a server that runs as one instance. Bounded: an attacker who
 * cycles through addresses or usernames makes new keys, so past {@link #MAX_KEYS} the full
 * buckets are forgotten (losslessly) and, if that is not enough, arbitrary ones (which lets
 * those keys start over; the failed-login block in the database still holds).
 */
public final class LocalBucketStore implements BucketStore {
    private static final Logger log = LoggerFactory.getLogger(LocalBucketStore.class);
    static final int MAX_KEYS = 100_000;

    private record Entry(Bucket bucket, long capacity) {}

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final ClockTimeMeter time;
    private final int maxKeys;

    public LocalBucketStore(Clock clock) {
        this(clock, MAX_KEYS);
    }

    LocalBucketStore(Clock clock, int maxKeys) {
        this.time = new ClockTimeMeter(clock);
        this.maxKeys = maxKeys;
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
        Entry e = buckets.get(key);
        if (e == null) {
            if (buckets.size() >= maxKeys) makeRoom();
            e = buckets.computeIfAbsent(key, k -> newEntry(config));
        }
        return e.bucket().tryConsumeAndReturnRemaining(1);
    }

    private Entry newEntry(BucketConfiguration config) {
        LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
        long capacity = Long.MAX_VALUE;
        for (Bandwidth b : config.getBandwidths()) {
            builder.addLimit(b);
            capacity = Math.min(capacity, b.getCapacity());
        }
        return new Entry(builder.build(), capacity);
    }

    @Override
    public int forgetIdle() {
        int forgotten = 0;
        for (Iterator<Entry> it = buckets.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.bucket().getAvailableTokens() >= e.capacity()) {
                it.remove();
                forgotten++;
            }
        }
        return forgotten;
    }

    @Override
    public boolean shared() { return false; }

    int size() { return buckets.size(); }

    private synchronized void makeRoom() {
        if (buckets.size() < maxKeys) return;
        forgetIdle();
        if (buckets.size() < maxKeys * 3 / 4) return;
        log.warn("more than {} rate-limit keys in use at once; forgetting some, whose limits start over", maxKeys);
        Iterator<String> it = buckets.keySet().iterator();
        while (buckets.size() > maxKeys / 2 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }
}
