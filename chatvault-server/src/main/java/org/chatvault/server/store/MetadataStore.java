package org.chatvault.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatvault.core.format.ObjectId;

/**
 * The server's database: accounts, tokens, key slots, the object index and vault heads.
 * Implementations keep all their SQL to themselves; callers deal only in records.
 *
 * <p>Everything an account owns is keyed by its account id, and every method that reads or
 * changes account data takes that id: there is no way to reach another account's rows through
 * this interface. The exceptions are the two lookups that <em>find</em> an account — by
 * username at login and by token hash on every call.
 *
 * <p>Failures: every method throws {@link StoreException} when the backend fails (I/O, lost
 * connection, corruption); nothing is changed when it does, because each method is one
 * transaction. Expected outcomes (username taken, head conflict, missing objects) are return
 * values, not exceptions. Implementations are thread-safe.
 */
public interface MetadataStore extends AutoCloseable {

    // ---- accounts --------------------------------------------------------------------------

    /** @return false, changing nothing, if an account with the same {@code usernameKey} exists */
    boolean createAccount(AccountRecord account);

    Optional<AccountRecord> findAccountByUsername(String usernameKey);

    // ---- tokens ----------------------------------------------------------------------------

    /** Stores the tokens of a new session together. */
    void insertTokens(List<TokenRecord> tokens);

    /** Finds a token by its hash, expired or not; the caller decides what expiry means. */
    Optional<TokenRecord> findToken(byte[] tokenHash);

    /**
     * Rotation: deletes {@code oldTokenHash} and stores {@code newTokens} in one transaction.
     *
     * @return false, changing nothing, if the old token is already gone (used by a concurrent refresh, or logged out)
     */
    boolean replaceToken(byte[] oldTokenHash, List<TokenRecord> newTokens);

    /** Deletes every token of one session of the account. */
    void deleteSession(String accountId, String sessionId);

    /** @return how many of the account's tokens expired at or before {@code now} were deleted */
    int deleteExpiredTokens(String accountId, Instant now);

    // ---- key slots -------------------------------------------------------------------------

    /** The account's key slots ordered by slot id. */
    List<KeySlotRecord> listKeySlots(String accountId);

    /** Creates or replaces the slot with the same id. */
    void putKeySlot(String accountId, KeySlotRecord slot);

    /** @return false if the account had no such slot */
    boolean deleteKeySlot(String accountId, String slotId);

    // ---- object index ----------------------------------------------------------------------

    /** Which of {@code ids} the account holds (dropped-but-not-yet-deleted objects included). */
    Set<ObjectId> presentObjects(String accountId, Collection<ObjectId> ids);

    /** Where the account's objects among {@code ids} are; absent ids are not in the map. */
    Map<ObjectId, ObjectLocation> locateObjects(String accountId, Collection<ObjectId> ids);

    /**
     * Indexes packs already written to the object store, all in one transaction. Objects the
     * account already holds (indexed meanwhile by a concurrent upload) are skipped, not replaced.
     */
    IndexResult indexPacks(String accountId, List<NewPack> packs, Instant now);

    // ---- vault head ------------------------------------------------------------------------

    /** The account's head, or {@link Head#EMPTY}. */
    Head head(String accountId);

    /**
     * Atomic compare-and-swap of the head: if the head is at {@code change.baseVersion()} and the
     * account holds the root and every added object, moves the head to {@code baseVersion + 1},
     * clears the drop mark of root and added objects, and marks dropped ones (not also added)
     * with {@code committedAt}. Otherwise changes nothing.
     */
    CommitOutcome commit(String accountId, HeadChange change);

    Usage usage(String accountId);

    // ---- deleting dropped objects ----------------------------------------------------------

    /**
     * Up to {@code limit} accounts holding objects dropped before {@code droppedBefore}, in
     * ascending account id order and after {@code afterAccountId} (null: from the first). Paging
     * by id lets a sweep visit each account once even if one cannot be purged.
     */
    List<String> accountsWithDroppedObjects(Instant droppedBefore, String afterAccountId, int limit);

    /**
     * Removes from the index the account's objects dropped before {@code droppedBefore}, and the
     * packs that are left with no objects, unless objects were moved out of them at or after
     * {@code droppedBefore} (those wait for {@link #purgeVacatedPacks}).
     *
     * @return the storage keys of the removed packs, for the caller to delete from the {@link ObjectStore}
     */
    List<String> purgeDroppedObjects(String accountId, Instant droppedBefore);

    // ---- moving objects between packs (repack, relabel) -------------------------------------

    /**
     * Indexes a pack already written to the object store and re-points objects to it, in one
     * transaction serialised with the account's commits and purges. A move applies only if the
     * object's row still names its {@code fromPackId} and {@code fromOffset}: a row purged or
     * moved meanwhile is skipped, never re-created. Moved rows take the pack's bucket and keep
     * their drop mark. Every pack a row moved out of gets {@code vacated_at = now}, so that its
     * blob outlives the move by the safety delay. If no move applies, the pack is not indexed
     * and its blob can be deleted.
     *
     * @return the ids whose rows now point into the new pack
     */
    Set<ObjectId> relocateObjects(String accountId, MovedPack pack, Instant now);

    /** The account's objects no commit has dropped in the given packs, ordered by pack and offset. */
    List<ObjectLocation> liveObjectsInPacks(String accountId, Collection<String> packIds);

    /** Every pack of the account with its live share, ordered by bucket then creation time. */
    List<PackStats> packStats(String accountId);

    /**
     * Up to {@code limit} accounts, in ascending id order after {@code afterAccountId} (null: from
     * the first), having a bucket {@code criteria} deems worth repacking.
     */
    List<String> accountsToRepack(RepackCriteria criteria, String afterAccountId, int limit);

    /**
     * Up to {@code limit} accounts, paged like {@link #accountsWithDroppedObjects}, having a pack
     * that holds no objects and was vacated before {@code vacatedBefore}.
     */
    List<String> accountsWithVacatedPacks(Instant vacatedBefore, String afterAccountId, int limit);

    /**
     * Removes from the index the account's packs left holding no objects by moves made before
     * {@code vacatedBefore}; each such pack is handed to exactly one caller.
     *
     * @return the storage keys of the removed packs, for the caller to delete from the {@link ObjectStore}
     */
    List<String> purgeVacatedPacks(String accountId, Instant vacatedBefore);

    // ---- job leases ------------------------------------------------------------------------

    /**
     * Takes the lease on {@code job} for {@code holder} until {@code now + ttl}, atomically across
     * every server sharing the database: succeeds if no one holds it, if the lease expired at or
     * before {@code now}, or if {@code holder} already holds it (which renews it).
     *
     * @return false, changing nothing, if another holder's lease is still running
     */
    boolean tryAcquireLease(String job, String holder, Instant now, Duration ttl);

    /** Gives up {@code holder}'s lease on {@code job}; does nothing if someone else holds it now. */
    void releaseLease(String job, String holder);

    // ---- login throttling -------------------------------------------------------------------

    /**
     * When logins to {@code usernameKey} are refused until, if that is after {@code now}; every
     * server sharing the database sees the same answer.
     */
    Optional<Instant> loginBlockedUntil(String usernameKey, Instant now);

    /**
     * Counts one failed login to {@code usernameKey}, atomically across servers. Failures count
     * in a window that starts at the first failure and lasts {@code policy.window()}; the
     * {@code policy.maxFailures()}-th failure in a window blocks logins for {@code policy.block()}.
     *
     * @return until when logins are now blocked, if they are
     */
    Optional<Instant> recordLoginFailure(String usernameKey, Instant now, LoginThrottlePolicy policy);

    /** Forgets the failures of {@code usernameKey} (after a successful login). */
    void clearLoginFailures(String usernameKey);

    /** Deletes failure counts whose window started before {@code before} and that block nothing any more. */
    int deleteStaleLoginFailures(Instant before);

    /** Releases connections; further calls fail. */
    @Override
    void close();
}
