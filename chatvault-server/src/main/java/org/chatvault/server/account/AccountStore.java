package org.chatvault.server.account;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, their session tokens and key slots, and the login throttle, in the metadata database.
 *
 * <p>Everything an account owns is keyed by its account id, and every method that reads or
 * changes account data takes that id: there is no way to reach another account's rows through
 * this interface. The exceptions are the lookups that <em>find</em> an account — by username at
 * login and by token hash on every call — the throttle, keyed by username, and the sweep's purge of
 * retired key slots, which runs over all accounts.
 *
 * <p>Failures: every method throws {@link org.chatvault.server.storage.StoreException} when the
 * backend fails (I/O, lost connection, corruption, a closed store); nothing is changed when it
 * does, because each method is one transaction. Expected outcomes (username taken, token already
 * used, no such slot) are return values, not exceptions. Implementations are thread-safe.
 */
public interface AccountStore {

    /**
     * Creates the account and its empty vault head together.
     *
     * @return false, changing nothing, if an account with the same {@code usernameKey} exists
     */
    boolean createAccount(AccountRecord account);

    Optional<AccountRecord> findAccountByUsername(String usernameKey);

    /** The account's vault public key; empty if it registered none (or does not exist). */
    Optional<byte[]> findVaultPublicKey(String accountId);

    Optional<AccountRecord> findAccount(String accountId);

    /** When the account's owner deleted it (see {@link AccountLifecycleStore#requestDeletion}); empty while it lives. */
    Optional<Instant> deletedAt(String accountId);

    /** Replaces the account's login hash (a password change). @return false if there is no such account */
    boolean updateLoginHash(String accountId, LoginHash hash);

    /** Stores the tokens of a new session together. */
    void insertTokens(List<TokenRecord> tokens);

    /** Finds a token by its hash, expired or not; the caller decides what expiry means. */
    Optional<TokenRecord> findToken(byte[] tokenHash);

    /**
     * Rotation: deletes {@code oldTokenHash}, remembers it as rotated ({@link #findRotatedToken}) until
     * it would have expired, and stores {@code newTokens}, in one transaction.
     *
     * @return false, changing nothing, if the old token is already gone (used by a concurrent refresh, or logged out)
     */
    boolean replaceToken(byte[] oldTokenHash, List<TokenRecord> newTokens);

    /** A refresh token already traded by {@link #replaceToken}, as it was before; its second use means a copy was stolen. */
    Optional<TokenRecord> findRotatedToken(byte[] tokenHash);

    /** Deletes every token of one session of the account. */
    void deleteSession(String accountId, String sessionId);

    /** Deletes every token of every session of one device of the account. @return how many sessions ended */
    int deleteDeviceSessions(String accountId, String deviceId);

    /** Deletes every token of the account except those of session {@code keepSessionId}. @return how many sessions ended */
    int deleteOtherSessions(String accountId, String keepSessionId);

    /** @return how many of the account's tokens (and rotated refresh tokens) expired at or before {@code now} were deleted */
    int deleteExpiredTokens(String accountId, Instant now);

    /** The account's live key slots ordered by slot id (retired ones are not among them). */
    List<KeySlotRecord> listKeySlots(String accountId);

    /**
     * Creates or replaces the slot with the same id. A replaced slot is retired (kept, unlisted, with
     * {@code slot.updatedAt()} as its retirement time) until {@link #purgeRetiredKeySlots} removes it.
     *
     * @return {@link KeySlotOutcome#LAST_RECOVERY}, changing nothing, if it would replace the account's
     *     only recovery slot with one of another kind; {@link KeySlotOutcome#DONE} otherwise
     */
    KeySlotOutcome putKeySlot(String accountId, KeySlotRecord slot);

    /**
     * Retires the slot: it is no longer listed, and {@link #purgeRetiredKeySlots} removes it once
     * {@code now} is older than the safety delay. Atomic with the check that it is not the last
     * recovery slot, across servers.
     *
     * @return {@link KeySlotOutcome#NOT_FOUND} if the account has no such slot, {@link KeySlotOutcome#LAST_RECOVERY}
     *     (changing nothing) if it is the account's only recovery slot
     */
    KeySlotOutcome deleteKeySlot(String accountId, String slotId, Instant now);

    /** The account's retired key slots, oldest retirement first (for tests and support; the API never shows them). */
    List<KeySlotRecord> listRetiredKeySlots(String accountId);

    /**
     * Removes, for every account, key slots retired before {@code before} (the sweep job's one
     * pass over all accounts).
     *
     * @return how many were removed, or would be in a dry run
     */
    int purgeRetiredKeySlots(Instant before, boolean dryRun);

    /**
     * When logins to {@code usernameKey} are refused until, if that is after {@code now}; every
     * server sharing the database sees the same answer.
     */
    Optional<Instant> loginBlockedUntil(String usernameKey, Instant now);

    /**
     * Counts one login attempt to {@code usernameKey} as a failure <em>before</em> its secret is
     * checked, atomically across servers, unless logins to it are blocked now. Failures count in
     * a window that starts at the first one and lasts {@code policy.window()}; the attempt that
     * brings the count to {@code policy.maxFailures()} blocks logins for {@code policy.block()}
     * at once, so attempts racing it are refused, while it still goes on to its check (a success
     * then clears the block with {@link #clearLoginFailures}).
     *
     * @return admitted (and, for the last attempt allowed, until when a failure keeps the name
     *     blocked), or refused with the end of the block, changing nothing
     */
    LoginReservation reserveLoginAttempt(String usernameKey, Instant now, LoginThrottlePolicy policy);

    /** Forgets the failures of {@code usernameKey}, and a block (after a successful login). */
    void clearLoginFailures(String usernameKey);

    /** Deletes failure counts whose window started before {@code before} and that block nothing any more. */
    int deleteStaleLoginFailures(Instant before);
}
