package org.chatvault.server.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows behind an account's lifecycle: its inactivity setting and last activity, its deletion by the
 * owner, and the removal of everything it stored once deleted.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the backend
 * fails; nothing is changed then, because each method is one transaction. Implementations are thread-safe.
 */
public interface AccountLifecycleStore {

    /** The account's standing; empty if there is no such account (or it was purged). */
    Optional<AccountStanding> standing(String accountId);

    /** @return false if there is no such live account */
    boolean setInactivityMonths(String accountId, int months);

    /**
     * Records activity at {@code at} unless a time after {@code writtenAfter} is recorded already: the
     * condition is in the statement, so instances sharing the database write it once per period between them.
     *
     * @return whether a row was written
     */
    boolean recordActivity(String accountId, Instant at, Instant writtenAfter);

    /**
     * Marks the account deleted at {@code at} and ends every session (its tokens and rotated tokens go), in
     * one transaction; from then on logins are refused. Its storage goes in the next lifecycle run.
     *
     * @return false, changing nothing, if there is no such account or it was deleted already
     */
    boolean requestDeletion(String accountId, Instant at);

    /**
     * {@link #requestDeletion} for want of use: only if no activity after {@code lastActiveAt} was recorded
     * meanwhile, in the same statement, so a request racing the lifecycle run keeps the account.
     */
    default boolean requestDeletionIfUnusedSince(String accountId, Instant lastActiveAt, Instant at) {
        return requestDeletionIfUnusedSince(Map.of(accountId, lastActiveAt), at).contains(accountId);
    }

    /**
     * {@link #requestDeletionIfUnusedSince(String, Instant, Instant)} for several accounts (account id to the
     * last activity the caller saw) in one transaction.
     *
     * @return the accounts marked deleted
     */
    Set<String> requestDeletionIfUnusedSince(Map<String, Instant> lastActiveByAccount, Instant at);

    /** Up to {@code limit} account ids after {@code afterAccountId} (null: from the first), in ascending byte order, deleted ones included. */
    List<String> accountsAfter(String afterAccountId, int limit);

    /** The storage keys of every pack the account's index holds (vacated ones included). */
    List<String> packKeys(String accountId);

    /**
     * Removes every row of a deleted account in one transaction: objects, packs, head, key slots (live and
     * retired), tokens, devices, audit events, remembered signatures, its subscription history and the
     * account itself. Subscriptions stay (a store purchase is redeemed once, ever). Does nothing for an
     * account not marked deleted, so a run that raced an undeletion (there is none today) cannot purge it.
     *
     * @return what went, with the storage keys of the packs still indexed at that moment (for the caller to
     *     delete their blobs), or empty if there was nothing to purge (not deleted, or purged by another run)
     */
    default Optional<PurgedAccount> purgeDeleted(String accountId) {
        return Optional.ofNullable(purgeDeleted(List.of(accountId)).get(accountId));
    }

    /** {@link #purgeDeleted(String)} for several accounts in one transaction; the map holds those purged. */
    Map<String, PurgedAccount> purgeDeleted(Collection<String> accountIds);

    /**
     * What {@link #purgeDeleted} removed.
     *
     * @param objects   object rows removed
     * @param bytes     their bytes
     * @param packKeys  storage keys of the packs indexed at that moment
     */
    record PurgedAccount(long objects, long bytes, List<String> packKeys) {}
}
