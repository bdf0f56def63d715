package org.chatvault.server.abuse;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Where rate-limit buckets live: in this process ({@link LocalBucketStore}, for the embedded
 * SQLite server, which runs as one instance) or in the metadata database, shared by every
 * instance (PostgreSQL). Implementations are thread-safe; the database one throws
 * {@link org.chatvault.server.storage.StoreException} when the database fails.
 */
public interface BucketStore {
    /** Takes one token from the bucket named {@code key} (new and full if there is none yet), if it has one. */
    ConsumptionProbe tryConsume(String key, BucketConfiguration config);

    /** Forgets buckets that are full again (they hold nothing a new one would not); returns how many. */
    int forgetIdle();

    /** Whether every server instance sees the same buckets. */
    boolean shared();
}
