package org.chatvault.server.store.sql;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.chatvault.server.account.AccountLifecycleStore;
import org.chatvault.server.account.AccountStanding;
import org.jdbi.v3.core.Handle;

/** {@link AccountLifecycleStore} in SQL both databases speak. */
public final class SqlAccountLifecycleStore implements AccountLifecycleStore {
    /**
     * Every table holding a deleted account's rows, children before parents (the foreign keys), all keyed by
     * {@code account_id}. {@code subscriptions} is not among them: a store purchase is redeemed once, ever,
     * so its row outlives the account; only the account's readable history of it goes.
     */
    private static final List<String> ACCOUNT_TABLES = List.of("objects", "packs", "heads", "key_slots", "retired_key_slots", "tokens",
            "rotated_refresh_tokens", "devices", "audit_events", "request_signatures", "subscription_events", "accounts");

    private final SqlDatabase db;

    public SqlAccountLifecycleStore(SqlDatabase db) {
        this.db = db;
    }

    @Override
    public Optional<AccountStanding> standing(String accountId) {
        return db.read("read an account's standing", h -> h.createQuery("""
                        SELECT account_id, COALESCE(last_active_at, created_at), inactivity_months, deleted_at
                        FROM accounts WHERE account_id = :account""")
                .bind("account", accountId)
                .map((r, ctx) -> new AccountStanding(r.getString(1), SqlDatabase.instant(r, 2, ctx), r.getInt(3), SqlDatabase.instant(r, 4, ctx)))
                .findOne());
    }

    @Override
    public boolean setInactivityMonths(String accountId, int months) {
        return db.write("change the inactivity period", h -> h.createUpdate(
                        "UPDATE accounts SET inactivity_months = :months WHERE account_id = :account AND deleted_at IS NULL")
                .bind("months", months).bind("account", accountId).execute() == 1);
    }

    @Override
    public boolean recordActivity(String accountId, Instant at, Instant writtenAfter) {
        return db.write("record account activity", h -> h.createUpdate("""
                        UPDATE accounts SET last_active_at = :at
                        WHERE account_id = :account AND deleted_at IS NULL AND (last_active_at IS NULL OR last_active_at <= :after)""")
                .bind("at", at).bind("account", accountId).bind("after", writtenAfter).execute() == 1);
    }

    @Override
    public boolean requestDeletion(String accountId, Instant at) {
        return db.write("delete an account", h -> markDeleted(h, accountId, at, "", null));
    }

    @Override
    public Set<String> requestDeletionIfUnusedSince(Map<String, Instant> lastActiveByAccount, Instant at) {
        return db.write("delete unused accounts", h -> {
            Set<String> marked = new TreeSet<>();
            for (Map.Entry<String, Instant> e : new TreeMap<>(lastActiveByAccount).entrySet()) {
                if (markDeleted(h, e.getKey(), at, " AND COALESCE(last_active_at, created_at) <= :lastActive", e.getValue())) marked.add(e.getKey());
            }
            return marked;
        });
    }

    /** Marks the account deleted (unless {@code condition} on {@code :lastActive} fails) and ends its sessions. */
    private static boolean markDeleted(Handle h, String accountId, Instant at, String condition, Instant lastActive) {
        var update = h.createUpdate("UPDATE accounts SET deleted_at = :at WHERE account_id = :account AND deleted_at IS NULL" + condition)
                .bind("at", at).bind("account", accountId);
        if (lastActive != null) update.bind("lastActive", lastActive);
        if (update.execute() == 0) return false;
        for (String table : List.of("tokens", "rotated_refresh_tokens"))
            h.createUpdate("DELETE FROM " + table + " WHERE account_id = :account").bind("account", accountId).execute();
        return true;
    }

    @Override
    public List<String> accountsAfter(String afterAccountId, int limit) {
        String id = "account_id" + db.byteOrder();
        return db.read("list accounts", h -> h.createQuery("SELECT " + id + " AS account_id FROM accounts WHERE " + id
                        + " > :after ORDER BY 1 LIMIT :limit")
                .bind("after", afterAccountId == null ? "" : afterAccountId).bind("limit", limit).mapTo(String.class).list());
    }

    @Override
    public List<String> packKeys(String accountId) {
        return db.read("list an account's packs", h -> packKeys(h, accountId));
    }

    private static List<String> packKeys(Handle h, String accountId) {
        return h.createQuery("SELECT storage_key FROM packs WHERE account_id = :account ORDER BY storage_key")
                .bind("account", accountId).mapTo(String.class).list();
    }

    @Override
    public Map<String, PurgedAccount> purgeDeleted(Collection<String> accountIds) {
        return db.write("purge deleted accounts", h -> {
            Map<String, PurgedAccount> purged = new TreeMap<>();
            // In id order, so two runs lock the same accounts in the same order and cannot deadlock.
            for (String accountId : new TreeSet<>(accountIds)) purge(h, accountId).ifPresent(p -> purged.put(accountId, p));
            return purged;
        });
    }

    private Optional<PurgedAccount> purge(Handle h, String accountId) {
        // The vault lock first, as commits and purges take it, so an upload or commit in flight
        // finishes before; then the account row, which a second purge queues on and then finds gone.
        h.createQuery("SELECT version FROM heads WHERE account_id = :account" + db.forUpdate()).bind("account", accountId)
                .mapTo(Long.class).findOne();
        // Empty both for no row (purged already) and for a live account (deleted_at NULL).
        Optional<Instant> deleted = h.createQuery("SELECT deleted_at FROM accounts WHERE account_id = :account" + db.forUpdate())
                .bind("account", accountId).mapTo(Instant.class).findOne();
        if (deleted.isEmpty()) return Optional.empty();
        PurgedAccount purged = h.createQuery("SELECT count(*), COALESCE(sum(length), 0) FROM objects WHERE account_id = :account")
                .bind("account", accountId).map((r, ctx) -> new PurgedAccount(r.getLong(1), r.getLong(2), packKeys(h, accountId))).one();
        for (String table : ACCOUNT_TABLES)
            h.createUpdate("DELETE FROM " + table + " WHERE account_id = :account").bind("account", accountId).execute();
        return Optional.of(purged);
    }
}
