package org.chatvault.server.vault;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.chatvault.core.format.ObjectId;

/**
 * The index of every account's objects and packs, and its vault head, in the metadata database:
 * atomic primitives only; what a commit checks and what a job chooses to repack or delete is
 * decided by the vault services and jobs.
 *
 * <p>Every method is keyed by account except the pagers that <em>find</em> accounts for the jobs
 * ({@code accountsWith…}), which return up to {@code limit} account ids in ascending byte order
 * after {@code afterAccountId} (null: from the first), so a job visits each account once.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the
 * backend fails (I/O, lost connection, corruption, a closed store); nothing is changed when it
 * does, because each method is one transaction. Implementations are thread-safe.
 */
public interface ObjectIndex {

    /** Which of {@code ids} the account holds (dropped-but-not-yet-deleted objects included). */
    Set<ObjectId> presentObjects(String accountId, Collection<ObjectId> ids);

    /** Where the account's objects among {@code ids} are; absent ids are not in the map. */
    Map<ObjectId, ObjectLocation> locateObjects(String accountId, Collection<ObjectId> ids);

    /**
     * Indexes packs already written to the object store, all in one transaction. Objects the
     * account already holds (indexed meanwhile by a concurrent upload) are skipped, not replaced.
     */
    IndexResult indexPacks(String accountId, List<NewPack> packs, Instant now);

    /**
     * {@link #indexPacks}, if the account then holds at most {@code maxBytes} of objects (dropped ones count until
     * deleted); otherwise nothing is indexed. Checked in the same transaction under the account's vault lock, so that
     * concurrent uploads of one account queue for it and cannot pass the limit together.
     */
    IndexOutcome indexPacksWithin(String accountId, List<NewPack> packs, Instant now, long maxBytes);

    /** The account's head, or {@link Head#EMPTY}. */
    Head head(String accountId);

    /**
     * Runs {@code work} in one transaction holding the account's vault lock (its head row), which
     * commits, purges and moves of the account take too: what {@code work} reads stays true until
     * it returns. Commits if it returns, rolls back if it throws.
     */
    <T> T withLockedVault(String accountId, Function<LockedVault, T> work);

    /** One account's vault inside {@link #withLockedVault}. */
    interface LockedVault {
        /** The head as locked, or {@link Head#EMPTY}. */
        Head head();

        /** Which of {@code ids} the account holds. */
        Set<ObjectId> presentObjects(Collection<ObjectId> ids);

        /** Marks the objects dropped at {@code at}, except those already marked. */
        void markDropped(Collection<ObjectId> ids, Instant at);

        /** Clears the drop mark of the objects. */
        void clearDropMarks(Collection<ObjectId> ids);

        /**
         * Moves the head from {@link #head()} to {@code next}.
         *
         * @throws org.chatvault.server.storage.StoreException if the account has no head row (does not exist)
         */
        void moveHead(Head next);
    }

    /** Storage held by the account, and its head version. */
    Usage usage(String accountId);

    /** The account's objects and bytes by bucket and kind (as {@link #usage} counts them), ordered by bucket then kind code. */
    List<MonthKindUsage> usageByMonthAndKind(String accountId);

    /** Accounts holding objects dropped before {@code droppedBefore}. */
    List<String> accountsWithDroppedObjects(Instant droppedBefore, String afterAccountId, int limit);

    /**
     * Removes from the index the account's objects dropped before {@code droppedBefore}, and the
     * packs that are left with no objects, unless objects were moved out of them at or after
     * {@code droppedBefore} (those wait for {@link #purgeVacatedPacks}). Under the vault lock, so
     * each emptied pack is handed to exactly one caller.
     *
     * @param dryRun true to work out the same answer and change nothing
     * @return the storage keys of the removed packs, for the caller to delete from the object store
     */
    List<String> purgeDroppedObjects(String accountId, Instant droppedBefore, boolean dryRun);

    default List<String> purgeDroppedObjects(String accountId, Instant droppedBefore) {
        return purgeDroppedObjects(accountId, droppedBefore, false);
    }

    /**
     * Indexes a pack already written to the object store and re-points objects to it, in one
     * transaction under the vault lock. A move applies only if the object's row still names its
     * {@code fromPackId} and {@code fromOffset}: a row purged or moved meanwhile is skipped, never
     * re-created. Moved rows take the pack's bucket and keep their drop mark. Every pack a row
     * moved out of gets {@code vacated_at = now}, so that its blob outlives the move by the
     * safety delay. If no move applies, the pack is not indexed and its blob can be deleted.
     *
     * @return the ids whose rows now point into the new pack
     */
    Set<ObjectId> relocateObjects(String accountId, MovedPack pack, Instant now);

    /** The account's objects no commit has dropped in the given packs, ordered by pack and offset. */
    List<ObjectLocation> liveObjectsInPacks(String accountId, Collection<String> packIds);

    /**
     * Hands {@code sink} every object of the account that was not dropped at {@code cutoff} (live,
     * or dropped after it), in storage order (bucket, pack creation, offset), from one snapshot and
     * without holding them all in memory: what a head committed at {@code cutoff} may reference, for
     * an archive. An exception {@code sink} throws ends the listing and is passed on.
     */
    void forEachObjectNotDroppedAt(String accountId, Instant cutoff, Consumer<ObjectLocation> sink);

    /** Every pack of the account with its live share, ordered by bucket then creation time. */
    List<PackStats> packStats(String accountId);

    /** Accounts holding a pack created before {@code createdBefore}. */
    List<String> accountsWithPacksCreatedBefore(Instant createdBefore, String afterAccountId, int limit);

    /** Accounts having a pack that holds no objects and was vacated before {@code vacatedBefore}. */
    List<String> accountsWithVacatedPacks(Instant vacatedBefore, String afterAccountId, int limit);

    /**
     * Removes from the index the account's packs left holding no objects by moves made before
     * {@code vacatedBefore}; each such pack is handed to exactly one caller.
     *
     * @param dryRun true to work out the same answer and change nothing
     * @return the storage keys of the removed packs, for the caller to delete from the object store
     */
    List<String> purgeVacatedPacks(String accountId, Instant vacatedBefore, boolean dryRun);

    default List<String> purgeVacatedPacks(String accountId, Instant vacatedBefore) {
        return purgeVacatedPacks(accountId, vacatedBefore, false);
    }

    /**
     * Retention: marks dropped at {@code at} every object of the account in a month {@code b} with
     * {@code 0 < b < keptFrom} that no commit dropped already, under the vault lock, so that the sweep
     * deletes them, and the packs they leave empty, once the safety delay has passed, as if a commit had
     * dropped them. No pack is read. Bucket 0 (unbucketed kinds) is never touched. Each object is
     * marked by one caller only, so concurrent cuts count it once.
     *
     * @param dryRun true to count the same objects and change nothing
     */
    ExpiredObjects expireBuckets(String accountId, int keptFrom, Instant at, boolean dryRun);

    /**
     * {@link #expireBuckets} for several accounts (account id to its {@code keptFrom}) in one transaction,
     * which spares a job one commit, and on SQLite one fsync, per account.
     *
     * @return what was marked, per account that had anything to mark
     */
    Map<String, ExpiredObjects> expireBuckets(Map<String, Integer> keptFromByAccount, Instant at);
}
