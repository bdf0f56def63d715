package org.chatvault.server.vault;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Which packs are kept in the object store's cold tier: those of a time bucket at least
 * {@code afterMonths} whole months before the current month (UTC), and at least
 * {@code minPackBytes} long. Packs of bucket 0 (root manifests and indexes, read by every
 * restore) always stay standard.
 *
 * <p>The size floor is there because the cold classes bill every object as if it were at least
 * 128 KiB: below about 70 KiB (Standard-IA) a pack would cost more cold than standard.
 *
 * @param storageClass what the cold tier is called in the object store, e.g. {@code STANDARD_IA};
 *                     recorded in the index against every pack moved or written there
 * @param afterMonths  how many whole months a bucket stays standard after its own month, ≥ 1
 * @param minPackBytes packs shorter than this stay standard
 */
public record ColdTierPolicy(String storageClass, int afterMonths, long minPackBytes) {
    /** What S3's infrequent-access and Glacier Instant Retrieval classes bill a smaller object as. */
    public static final long DEFAULT_MIN_PACK_BYTES = 128L * 1024;
    public static final int DEFAULT_AFTER_MONTHS = 6;
    /** More than a century is a typing mistake, not a policy. */
    public static final int MAX_AFTER_MONTHS = 1200;

    public ColdTierPolicy {
        Objects.requireNonNull(storageClass, "storageClass");
        if (storageClass.isBlank()) throw new IllegalArgumentException("storageClass must not be blank");
        if (afterMonths < 1 || afterMonths > MAX_AFTER_MONTHS)
            throw new IllegalArgumentException("afterMonths must be 1-" + MAX_AFTER_MONTHS + ", not " + afterMonths);
        if (minPackBytes < 0) throw new IllegalArgumentException("minPackBytes must not be negative");
    }

    /** The oldest bucket (yyyymm) still standard at {@code now}: buckets before it are cold. */
    public int firstStandardBucket(Instant now) {
        YearMonth month = YearMonth.from(now.atZone(ZoneOffset.UTC)).minusMonths(afterMonths);
        return month.getYear() * 100 + month.getMonthValue();
    }

    /** Whether a pack of {@code bucket}, {@code packBytes} long, belongs in the cold tier at {@code now}. */
    public boolean isCold(int bucket, long packBytes, Instant now) {
        return bucket != 0 && bucket < firstStandardBucket(now) && packBytes >= minPackBytes;
    }
}
