package org.chatvault.server.vault;

import java.util.Collection;
import java.util.List;

/**
 * The storage class each pack is kept in, as recorded in the metadata database, so that the
 * tiering job finds what to move without asking the object store about every pack. A pack with
 * nothing recorded is in the object store's standard class.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the
 * backend fails; each is one statement, so nothing is half changed. Implementations are thread-safe.
 */
public interface PackTierIndex {

    /** A pack the tiering job may move: indexed, holding objects, not being emptied by a move. */
    record PackToMove(String packId, int bucket, String storageKey, long length) {}

    /**
     * Records that the account's packs are kept in {@code storageClass}; packs no longer indexed
     * are skipped.
     *
     * @return how many packs were recorded
     */
    int recordStorageClass(String accountId, Collection<String> packIds, String storageClass);

    /**
     * Up to {@code limit} accounts, after {@code afterAccountId} (null: from the first) in the
     * order of {@link ObjectIndex}'s pagers, having a pack that the policy puts in the cold tier at
     * the time {@code firstStandardBucket} was worked out for and that is not recorded there.
     */
    List<String> accountsWithPacksToMove(ColdTierPolicy policy, int firstStandardBucket, String afterAccountId, int limit);

    /** The account's packs that the policy puts in the cold tier and that are not recorded there, by bucket. */
    List<PackToMove> packsToMove(String accountId, ColdTierPolicy policy, int firstStandardBucket);
}
