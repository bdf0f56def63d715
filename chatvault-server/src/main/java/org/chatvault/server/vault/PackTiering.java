package org.chatvault.server.vault;

import java.time.Instant;
import java.util.Collection;
import org.chatvault.server.storage.ObjectStore;
import org.chatvault.server.storage.StorageTier;

/**
 * Where new packs are written: a pack of a bucket old enough for the {@link ColdTierPolicy} (the
 * first backup of years of history) goes straight to the cold tier and is recorded there, so
 * the tiering job never has to copy it. Without a policy everything is written standard.
 */
public final class PackTiering {
    /** No cold tier: the filesystem backend, or S3 without {@code s3.cold-storage-class}. */
    public static final PackTiering NONE = new PackTiering(null, null);

    private final ColdTierPolicy policy;
    private final PackTierIndex tiers;

    private PackTiering(ColdTierPolicy policy, PackTierIndex tiers) {
        this.policy = policy;
        this.tiers = tiers;
    }

    /** @param policy the cold tier's policy, or null for {@link #NONE} */
    public static PackTiering of(ColdTierPolicy policy, PackTierIndex tiers) {
        return policy == null ? NONE : new PackTiering(policy, tiers);
    }

    /** Whether a new pack of {@code bucket}, {@code length} bytes long, is written cold. */
    boolean cold(int bucket, long length, Instant now) {
        return policy != null && policy.isCold(bucket, length, now);
    }

    /** The store to write a new pack through. */
    ObjectStore storeFor(ObjectStore blobs, boolean cold) {
        return cold ? blobs.inTier(StorageTier.COLD) : blobs;
    }

    /**
     * Records packs written cold, once indexed. If this fails, they are in the cold class
     * already but look standard to the index, and the tiering job's next run copies them onto
     * themselves once more: money for a request, nothing worse.
     */
    void recordCold(String accountId, Collection<String> packIds) {
        if (policy != null && !packIds.isEmpty()) tiers.recordStorageClass(accountId, packIds, policy.storageClass());
    }
}
