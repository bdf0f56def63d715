package org.chatvault.server.store.sql;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.chatvault.server.abuse.BucketStore;
import org.chatvault.server.abuse.ClockTimeMeter;
import org.chatvault.server.storage.StoreException;

/**
 * Rate-limit buckets in PostgreSQL's {@code rate_limit_buckets} (migration V8), shared by every
 * server instance on the database: Bucket4j's {@code SELECT … FOR UPDATE} proxy manager, one short
 * transaction per check. A bucket's row expires once it would be full again, and
 * {@link #forgetIdle()} deletes expired rows. Bucket4j judges that expiry by the system clock
 * while the buckets run on the server's {@link Clock}; they are the same clock outside tests.
 */
final class PostgresBucketStore implements BucketStore {
    private static final int DELETE_BATCH = 1_000;
    /** Kept past the time to refill, so that clocks a little apart do not hand out a fresh bucket early. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(10);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    PostgresBucketStore(DataSource pool, Clock clock) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(pool)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration config) {
        try {
            return buckets.builder().build(key, () -> config).tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            throw new StoreException("metadata store failed to check a rate limit: " + e.getMessage(), e);
        }
    }

    @Override
    public int forgetIdle() {
        try {
            int total = 0;
            for (int n; (n = buckets.removeExpired(DELETE_BATCH)) > 0; ) {
                total += n;
                if (n < DELETE_BATCH) break;
            }
            return total;
        } catch (RuntimeException e) {
            throw new StoreException("metadata store failed to delete expired rate-limit buckets: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean shared() { return true; }
}
