package org.chatvault.server.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.chatvault.server.audit.AuditEventType;
import org.chatvault.server.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an owner decides about the account's end: how long it may sit unused before it is deleted, and
 * deleting it now. Also keeps the record of authenticated activity the inactivity rule reads.
 */
public final class AccountLifecycleService {
    private static final Logger log = LoggerFactory.getLogger(AccountLifecycleService.class);
    /**
     * Activity is written at most this often per account: months-long periods need no finer record, and a
     * write on every request would put the busiest path behind the database's one writer.
     */
    public static final Duration ACTIVITY_RESOLUTION = Duration.ofHours(1);
    /** Accounts remembered as recently recorded; beyond this the map is cleared (the database condition still holds). */
    private static final int MAX_REMEMBERED = 100_000;

    private final AccountLifecycleStore store;
    private final AuditLog audit;
    private final Clock clock;
    /** When this instance last wrote (or found written) each account's activity; spares a database write per request. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();

    public AccountLifecycleService(AccountLifecycleStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The account's inactivity setting and the date it would be deleted if unused.
     *
     * @throws AccountException.Unauthorized if the account is gone
     */
    public AccountStanding settings(Principal principal) {
        return store.standing(principal.accountId()).orElseThrow(AccountException.Unauthorized::new);
    }

    /**
     * Chooses after how many months without use the account is deleted.
     *
     * @throws AccountException.InvalidInactivityPeriod unless {@code months} is one of {@link AccountStanding#INACTIVITY_CHOICES}
     */
    public AccountStanding updateSettings(Principal principal, Integer months) {
        if (months == null || !AccountStanding.INACTIVITY_CHOICES.contains(months))
            throw new AccountException.InvalidInactivityPeriod(AccountStanding.INACTIVITY_CHOICES);
        if (!store.setInactivityMonths(principal.accountId(), months)) throw new AccountException.Unauthorized();
        audit.record(principal.accountId(), AuditEventType.ACCOUNT_SETTINGS_CHANGED, principal.deviceId(), "deleted after " + months + " months unused");
        return settings(principal);
    }

    /**
     * Deletes the account: every session ends and logins are refused at once; the next lifecycle run
     * removes its storage. Its audit log goes with it, so this is written to the server log.
     */
    public void delete(Principal principal) {
        if (!store.requestDeletion(principal.accountId(), clock.instant())) throw new AccountException.Unauthorized();
        recorded.remove(principal.accountId());
        log.info("account {} deleted by its owner (device {}); its storage goes in the next lifecycle run", principal.accountId(),
                principal.deviceId());
    }

    /** Notes that the account was used now (an authenticated request); writes at most once per {@link #ACTIVITY_RESOLUTION}. */
    public void recordActivity(String accountId) {
        Instant now = clock.instant();
        Instant last = recorded.get(accountId);
        if (last != null && now.isBefore(last.plus(ACTIVITY_RESOLUTION))) return;
        if (recorded.size() >= MAX_REMEMBERED) recorded.clear();
        recorded.put(accountId, now);
        // Another instance may have written it within the hour: the condition makes that a no-op.
        store.recordActivity(accountId, now, now.minus(ACTIVITY_RESOLUTION));
    }
}
